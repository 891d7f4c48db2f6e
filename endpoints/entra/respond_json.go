package entra

import (
	"strconv"

	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/internal/jsonenc"
)

var _ web.JSONAppender = appTokenV2{}

// AppendJSON is the v2 app-only answer without reflection: every client
// credentials token ends here. The tests hold it to json.Marshal's bytes.
func (t appTokenV2) AppendJSON(b []byte) []byte {
	b = jsonenc.AppendString(append(b, `{"token_type":`...), t.TokenType)
	b = strconv.AppendInt(append(b, `,"expires_in":`...), t.ExpiresIn, 10)
	b = strconv.AppendInt(append(b, `,"ext_expires_in":`...), t.ExtExpiresIn, 10)
	b = jsonenc.AppendString(append(b, `,"access_token":`...), t.AccessToken)
	return append(b, '}')
}
