# mockidp image: a static binary on an empty base, about 13 MB.
#
#   docker build -t mockidp .
#   docker run -p 8443-8446:8443-8446 -p 8080-8081:8080-8081 mockidp
#
# Everything mockidp writes (CA, signing keys, daemon credential) is in the
# one volume /data; mount it to keep the CA across containers. Configure with
# MOCKIDP_* variables or a mounted file named by MOCKIDP_CONFIG.
FROM golang:1.26 AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOTOOLCHAIN=local
COPY go.mod go.sum ./
# Only the binary's modules, as a cached layer: go.mod also lists the
# test-only clients and testcontainers, which the image never needs. A
# module missing here is still fetched by go build below, just uncached.
RUN go mod download github.com/labstack/echo/v4 github.com/labstack/gommon \
      github.com/golang-jwt/jwt/v5 go.yaml.in/yaml/v3 golang.org/x/crypto golang.org/x/net \
      golang.org/x/sys golang.org/x/text github.com/mattn/go-colorable github.com/mattn/go-isatty \
      github.com/valyala/bytebufferpool github.com/valyala/fasttemplate
COPY . .
RUN go build -trimpath -buildvcs=false -ldflags="-s -w" -o /out/mockidp ./cmd/mockidp \
 && mkdir -p /out/data

FROM scratch
COPY --from=build /out/mockidp /mockidp
COPY --from=build --chown=65532:65532 /out/data /data
# A numeric non-root user: scratch has no /etc/passwd.
USER 65532:65532
ENV MOCKIDP_DATA_DIR=/data \
    MOCKIDP_LISTEN=:8443 \
    MOCKIDP_CLOUD_LISTEN=usgov=:8444,china=:8445,germany=:8446 \
    MOCKIDP_PROXY_LISTEN=:8080 \
    MOCKIDP_IMDS_LISTEN=:8081
VOLUME /data
# 8443-8446: HTTPS per cloud (public, usgov, china, germany); 8080: CONNECT
# proxy; 8081: managed identity (IMDS). All listen on every interface.
EXPOSE 8443 8444 8445 8446 8080 8081
# The binary checks itself: GET https://127.0.0.1:8443/_mockidp/health,
# trusting the CA in /data (the image has no shell or curl).
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["/mockidp", "healthcheck"]
ENTRYPOINT ["/mockidp"]
