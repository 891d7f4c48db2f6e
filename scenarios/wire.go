package scenarios

import "github.com/mockidp/mockidp/controlapi"

// The scenario types are the control API's wire types (package
// controlapi), so a scenario built in Go, read from a config file or sent
// by mockidpclient is one and the same value.
type (
	Scenario    = controlapi.Scenario
	Match       = controlapi.Match
	Action      = controlapi.Action
	ErrorAction = controlapi.ErrorAction
	Duration    = controlapi.Duration
	Status      = controlapi.Status
	Entry       = controlapi.Entry
	Result      = controlapi.Result
	Params      = controlapi.Params
)

// Endpoint kinds a Match can name. The server mounts each route with one.
const (
	EndpointToken      = controlapi.EndpointToken
	EndpointDeviceCode = controlapi.EndpointDeviceCode
	EndpointAuthorize  = controlapi.EndpointAuthorize
	EndpointDiscovery  = controlapi.EndpointDiscovery
	EndpointKeys       = controlapi.EndpointKeys
	EndpointInstance   = controlapi.EndpointInstance
	EndpointUserRealm  = controlapi.EndpointUserRealm
	EndpointIMDS       = controlapi.EndpointIMDS
	EndpointIdentity   = controlapi.EndpointIdentity
	EndpointGraph      = controlapi.EndpointGraph
	EndpointARM        = controlapi.EndpointARM
	EndpointOther      = controlapi.EndpointOther
)

// Endpoints lists every endpoint kind.
var Endpoints = controlapi.Endpoints

// Malformed body kinds (Action.Body).
const (
	BodyMalformed = controlapi.BodyMalformed
	BodyTruncated = controlapi.BodyTruncated
)

// Token faults (Action.Token).
const (
	TokenExpired       = controlapi.TokenExpired
	TokenNotYetValid   = controlapi.TokenNotYetValid
	TokenWrongAudience = controlapi.TokenWrongAudience
	TokenWrongIssuer   = controlapi.TokenWrongIssuer
	TokenUnknownKid    = controlapi.TokenUnknownKid
	TokenMissingScope  = controlapi.TokenMissingScope
)

// TokenFaults lists the token faults.
var TokenFaults = controlapi.TokenFaults
