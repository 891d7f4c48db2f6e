package config

// envLayer reads MOCKIDP_* variables. A variable set to "" is kept: it is
// how MOCKIDP_PROXY_LISTEN= turns the proxy off.
func envLayer(lookupEnv func(string) (string, bool), errs *Errors) layer {
	l := newLayer()
	if v, ok := lookupEnv(envConfig); ok {
		l.values[flagConfig] = setting{v, "env " + envConfig}
	}
	for _, f := range fields {
		if v, ok := lookupEnv(f.envName()); ok {
			l.values[f.key] = setting{v, "env " + f.envName()}
		}
	}
	if v, ok := lookupEnv(envCloud); ok {
		parseCloudList(v, "env "+envCloud, l.clouds, errs)
	}
	return l
}
