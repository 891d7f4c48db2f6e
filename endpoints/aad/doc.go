// Package aad is Entra's error wire shape: the AADSTS JSON body with its
// description trailer and error_uri, and the HTML 404 page. Its Shape is
// the error shape of the Entra protocol and browser areas, and what the
// other areas fall back to for errors they have no shape of their own for.
package aad
