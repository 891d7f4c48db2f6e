# syntax=docker/dockerfile:1
# Multi-stage build: a static mockidp binary on an empty base image.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/mockidp ./cmd/mockidp \
 && mkdir -p /out/data

FROM scratch
COPY --from=build /out/mockidp /mockidp
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV MOCKIDP_DATA_DIR=/data
VOLUME /data
# 8443-8446: HTTPS per cloud (public, usgov, china, germany); 8080: proxy; 8081: managed identity.
EXPOSE 8443 8444 8445 8446 8080 8081
ENTRYPOINT ["/mockidp"]
