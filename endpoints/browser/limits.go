package browser

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// maxEntryParams bounds the parameters of a request that starts a browser
// flow (authorize, admin consent, logout), in the query and, for a POST,
// the body. Entra refuses longer ones with AADSTS90015 but does not
// publish the number: public reports have ~1.4 KB authorize URLs working
// and a ~4.3 KB logout query (a 4 KB id_token_hint, aspnet/Identity#2010)
// or a 7 KB authorize URL refused, so the limit lies between; 4 KB is
// the round number there. It also bounds what a code keeps of the
// request (state, nonce, scope, claims).
const maxEntryParams = 4 << 10

// entryParams are requestParams for a request that starts a browser flow,
// refused as Entra does when they are too long.
func entryParams(r *http.Request) (url.Values, error) {
	room := maxEntryParams - len(r.URL.RawQuery)
	if room < 0 {
		return nil, idp.ErrQueryTooLong.New()
	}
	params, err := readParams(r, int64(room))
	if tooLong := (*http.MaxBytesError)(nil); errors.As(err, &tooLong) {
		return nil, idp.ErrQueryTooLong.New()
	}
	return params, err
}

// requestParams are the query parameters, and for a POST the form
// parameters over them, of a page post (bounded as any form).
func requestParams(r *http.Request) (url.Values, error) {
	return readParams(r, web.MaxFormBytes)
}
