package idp

import (
	"strconv"

	"github.com/mockidp/mockidp/internal/jsonenc"
)

// appendJSON appends c exactly as json.Marshal writes it (the tests compare
// the two byte for byte): every token carries these claims, and reflection
// was a tenth of the cost of issuing one beside the signature.
func (c *AccessClaims) appendJSON(b []byte) []byte {
	b = appendJSONField(b, `{"aud":`, c.Aud)
	b = appendJSONField(b, `,"iss":`, c.Iss)
	b = strconv.AppendInt(append(b, `,"iat":`...), c.Iat, 10)
	b = strconv.AppendInt(append(b, `,"nbf":`...), c.Nbf, 10)
	b = strconv.AppendInt(append(b, `,"exp":`...), c.Exp, 10)
	b = appendOptional(b, `,"acr":`, c.Acr)
	b = appendOptionalList(b, `,"acrs":`, c.Acrs)
	b = appendOptional(b, `,"aio":`, c.Aio)
	b = appendOptionalList(b, `,"amr":`, c.Amr)
	b = appendOptional(b, `,"appid":`, c.AppID)
	b = appendOptional(b, `,"appidacr":`, c.AppIDAcr)
	b = appendOptional(b, `,"azp":`, c.Azp)
	b = appendOptional(b, `,"azpacr":`, c.AzpAcr)
	b = appendOptional(b, `,"family_name":`, c.FamilyName)
	b = appendOptional(b, `,"given_name":`, c.GivenName)
	b = appendOptional(b, `,"idp":`, c.Idp)
	b = appendOptional(b, `,"idtyp":`, c.Idtyp)
	b = appendOptional(b, `,"name":`, c.Name)
	b = appendOptional(b, `,"oid":`, c.Oid)
	b = appendOptional(b, `,"preferred_username":`, c.PreferredUsername)
	b = appendOptional(b, `,"rh":`, c.Rh)
	b = appendOptionalList(b, `,"roles":`, c.Roles)
	b = appendOptional(b, `,"scp":`, c.Scp)
	b = appendOptional(b, `,"sid":`, c.Sid)
	b = appendJSONField(b, `,"sub":`, c.Sub)
	b = appendJSONField(b, `,"tid":`, c.Tid)
	b = appendOptional(b, `,"unique_name":`, c.UniqueName)
	b = appendOptional(b, `,"upn":`, c.Upn)
	b = appendJSONField(b, `,"uti":`, c.Uti)
	b = appendJSONField(b, `,"ver":`, c.Ver)
	b = appendOptionalList(b, `,"wids":`, c.Wids)
	b = appendOptionalList(b, `,"xms_cc":`, c.XmsCC)
	b = appendOptional(b, `,"xms_mirid":`, c.XmsMirid)
	b = appendOptional(b, `,"xms_az_rid":`, c.XmsAzRid)
	return append(b, '}')
}

func appendJSONField(b []byte, key, v string) []byte {
	return jsonenc.AppendString(append(b, key...), v)
}

// appendOptional is an omitempty string field.
func appendOptional(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	return appendJSONField(b, key, v)
}

// appendOptionalList is an omitempty []string field.
func appendOptionalList(b []byte, key string, vs []string) []byte {
	if len(vs) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonenc.AppendString(b, v)
	}
	return append(b, ']')
}
