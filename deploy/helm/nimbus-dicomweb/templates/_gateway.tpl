{{/* nginx.conf of the in-chart gateway (ConfigMap data and pod checksum). */}}
{{- define "nimbus.gatewayNginxConf" -}}
{{- $g := .Values.gateway }}
{{- $prefix := include "nimbus.pathPrefix" . -}}
# Nimbus DICOMweb gateway (Helm chart). Same routing contract as the local stack's
# deploy/local/nginx.conf.template (docs/architecture.md "Gateway routing", DESIGN §3):
#   POST (and PUT)                                   -> store-service
#   DELETE                                           -> delete-service
#   GET/HEAD on a path ending /studies|/series|/instances (QIDO collections) -> query-service
#   every other GET/HEAD (WADO), OPTIONS             -> retrieve-service
#   any other method                                 -> 405 from the gateway
#   /internal/... (service-to-service API)           -> 404 from the gateway, never proxied
#   GET <prefix>/openapi.yaml                        -> the merged OpenAPI document (gateway.openapi)
worker_processes {{ $g.workerProcesses }};
daemon off;
pid /tmp/nginx.pid;
error_log /dev/stderr warn;

events {
    worker_connections {{ $g.workerConnections }};
}

http {
    default_type application/octet-stream;

    # The root filesystem is read-only: every temp path lives on the /tmp emptyDir.
    client_body_temp_path /tmp/client_body;
    proxy_temp_path       /tmp/proxy;
    fastcgi_temp_path     /tmp/fastcgi;
    uwsgi_temp_path       /tmp/uwsgi;
    scgi_temp_path        /tmp/scgi;

    log_format nimbus '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                      'upstream=$nimbus_upstream upstream_status=$upstream_status '
                      'rt=$request_time urt=$upstream_response_time';
    access_log /dev/stdout nimbus;

    server_tokens off;
    sendfile on;
    tcp_nodelay on;

    # Streaming: STOW bodies and WADO responses can be gigabytes; never buffer them to disk and
    # never cap them here (the services enforce their own configured limits with 413).
    client_max_body_size 0;
    client_body_timeout {{ $g.timeouts.clientBody }};
    send_timeout {{ $g.timeouts.send }};
    keepalive_timeout 75s;

    {{- if $g.trustForwardedHeaders }}

    # Behind the ingress controller: keep the scheme/host/port the client used (so RetrieveURL
    # and BulkDataURI say https://public-host); fall back to this hop's own values.
    map $http_x_forwarded_proto $nimbus_forwarded_proto {
        default $http_x_forwarded_proto;
        ""      $scheme;
    }
    map $http_x_forwarded_host $nimbus_forwarded_host {
        default $http_x_forwarded_host;
        ""      $http_host;
    }
    map $http_x_forwarded_port $nimbus_forwarded_port {
        default $http_x_forwarded_port;
        ""      $server_port;
    }
    {{- end }}

    {{- range $key := splitList " " (include "nimbus.serviceKeys" $) }}

    upstream nimbus_{{ $key }} {
        server {{ include "nimbus.serviceHost" (dict "root" $ "key" $key) }}:{{ (index $.Values.services $key).port }};
        keepalive 16;
    }
    {{- end }}

    # Route by method and normalised path ($uri carries no query string). Regexes are tried in
    # order; the first match wins.
    map "$request_method $uri" $nimbus_upstream {
        default                                              "";
        "~^(POST|PUT) "                                      store;
        "~^DELETE "                                          delete;
        "~^(GET|HEAD) .*/(studies|series|instances)/?$"      query;
        "~^(GET|HEAD|OPTIONS) "                              retrieve;
    }

    # Health of the gateway itself (kubelet probes), on its own port so it never shadows a
    # DICOMweb path.
    server {
        listen {{ $g.healthPort }};
        access_log off;
        location = /healthz {
            return 200 "ok\n";
        }
        location / {
            return 404;
        }
    }

    server {
        listen {{ $g.containerPort }};
        server_name _;

        {{- if $g.openapi.enabled }}

        # The merged OpenAPI document of the whole API (chart file files/openapi.yaml, from the
        # gateway ConfigMap); open like the services' /q/openapi.
        location = {{ $prefix }}/openapi.yaml {
            limit_except GET { deny all; }
            default_type application/yaml;
            alias /etc/nginx/nimbus/openapi.yaml;
        }
        {{- end }}

        # The service-to-service API (e.g. /internal/index-progress/wait) is never exposed.
        location ~ ^{{ $prefix | replace "." "\\." }}/internal(/|$) {
            return 404;
        }
        {{- if $prefix }}

        # Outside the DICOMweb root nothing is served.
        location / {
            return 404;
        }
        {{- end }}

        location {{ $prefix }}/ {
            if ($nimbus_upstream = "") {
                add_header Allow "GET, HEAD, POST, PUT, DELETE, OPTIONS" always;
                return 405;
            }
            {{- if $prefix }}
            rewrite ^{{ $prefix | replace "." "\\." }}(/.*)$ $1 break;
            {{- end }}

            proxy_pass http://nimbus_$nimbus_upstream;
            proxy_http_version 1.1;
            proxy_set_header Connection "";

            # Services build absolute URLs (RetrieveURL, BulkDataURI) from these.
            proxy_set_header Host               $http_host;
            {{- if $g.trustForwardedHeaders }}
            proxy_set_header X-Forwarded-Host   $nimbus_forwarded_host;
            proxy_set_header X-Forwarded-Proto  $nimbus_forwarded_proto;
            proxy_set_header X-Forwarded-Port   $nimbus_forwarded_port;
            {{- else }}
            proxy_set_header X-Forwarded-Host   $http_host;
            proxy_set_header X-Forwarded-Proto  $scheme;
            proxy_set_header X-Forwarded-Port   $server_port;
            {{- end }}
            proxy_set_header X-Forwarded-Prefix "{{ $prefix }}";
            proxy_set_header X-Forwarded-For    $proxy_add_x_forwarded_for;
            proxy_set_header X-Real-IP          $remote_addr;

            proxy_request_buffering off;
            proxy_buffering off;
            proxy_max_temp_file_size 0;
            proxy_connect_timeout {{ $g.timeouts.connect }};
            proxy_send_timeout {{ $g.timeouts.send }};
            proxy_read_timeout {{ $g.timeouts.read }};

            # Which service answered: handy when debugging routing.
            add_header X-Nimbus-Upstream $nimbus_upstream always;
        }
    }
}
{{- end }}


{{/* The merged OpenAPI document the gateway serves: files/openapi.yaml (a copy of
deploy/openapi/nimbus-dicomweb.yaml), its local-stack server URL replaced by the public base URL
when the chart knows it. */}}
{{- define "nimbus.gatewayOpenApi" -}}
{{- $doc := .Files.Get "files/openapi.yaml" }}
{{- if not $doc }}{{ fail "files/openapi.yaml is missing from the chart (copy deploy/openapi/nimbus-dicomweb.yaml)" }}{{ end }}
{{- $base := include "nimbus.publicBaseUrl" . }}
{{- if $base }}
{{- $doc = replace "  - url: http://127.0.0.1:8080\n    description: the gateway of the local stack" (printf "  - url: %s\n    description: this deployment" $base) $doc }}
{{- end }}
{{- $doc }}
{{- end }}
