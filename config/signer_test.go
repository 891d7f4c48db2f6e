package config

import (
	"strings"
	"testing"
)

func TestSignerSetting(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    string
		wantErr string
	}{
		{"default", nil, nil, "auto", ""},
		{"env forces crypto/rsa", nil, map[string]string{"MOCKIDP_SIGNER": "go"}, "go", ""},
		{"flag beats env", []string{"--signer", "auto"}, map[string]string{"MOCKIDP_SIGNER": "go"}, "auto", ""},
		{"unknown mode", []string{"--signer", "boring"}, nil, "", `unknown signer "boring"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(tt.args, func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || cfg.Signer != tt.want {
				t.Fatalf("Signer = %q, err %v; want %q", cfg.Signer, err, tt.want)
			}
		})
	}
}
