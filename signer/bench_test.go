package signer

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"math/big"
	"testing"
)

// go test ./signer -bench . -benchtime 2s: the fast path, its parts, and
// crypto/rsa, in one run (compare the ratios).
func BenchmarkSignSHA256(b *testing.B) {
	k := fixtureKeys(b)[0]
	msg := []byte("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9iZW5jaCJ9")
	b.Run("signer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := SignSHA256(k, msg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("crypto-rsa", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d := sha256.Sum256(msg)
			if _, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, d[:]); err != nil {
				b.Fatal(err)
			}
		}
	})
	if !hasIFMA {
		return
	}
	fk, _ := newFastKey(k)
	d := sha256.Sum256(msg)
	c := new(big.Int).SetBytes(emSHA256(fk.nLen, d[:]))
	b.Run("exp-crt", func(b *testing.B) {
		s := newScratch()
		for b.Loop() {
			fk.expCRT(c, s)
		}
	})
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			fk.verify(c, c, newScratch())
		}
	})
	b.Run("amm2", func(b *testing.B) {
		s := newScratch()
		for b.Loop() {
			amm2(&s.acc[0], &s.acc[0], &s.acc[0], &s.acc[1], &s.acc[1], &s.acc[1], &fk.mods)
		}
	})
}
