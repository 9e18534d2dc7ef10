{{/* vim: set filetype=mustache: */}}

{{/* The four services, in routing order. */}}
{{- define "nimbus.serviceKeys" -}}
store retrieve query delete
{{- end }}

{{- define "nimbus.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped base name (truncated so "-retrieve" suffixes stay within 63 chars). */}}
{{- define "nimbus.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "nimbus.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "nimbus.labels" -}}
helm.sh/chart: {{ include "nimbus.chart" . }}
app.kubernetes.io/name: {{ include "nimbus.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: nimbus-dicomweb
{{- end }}

{{/* Selector labels of one component. Call with (dict "root" $ "component" "store-service"). */}}
{{- define "nimbus.selectorLabels" -}}
app.kubernetes.io/name: {{ include "nimbus.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "nimbus.componentLabels" -}}
{{ include "nimbus.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Kubernetes name of a service's Deployment/Service: <fullname>-store ... */}}
{{- define "nimbus.serviceName" -}}
{{- printf "%s-%s" (include "nimbus.fullname" .root) .key }}
{{- end }}

{{- define "nimbus.gatewayName" -}}
{{- printf "%s-gateway" (include "nimbus.fullname" .) }}
{{- end }}

{{/* In-cluster DNS name of a service: <fullname>-<key>.<namespace>.svc.<clusterDomain> */}}
{{- define "nimbus.serviceHost" -}}
{{- printf "%s.%s.svc.%s" (include "nimbus.serviceName" .) .root.Release.Namespace .root.Values.clusterDomain }}
{{- end }}

{{- define "nimbus.queryServiceUrl" -}}
{{- printf "http://%s:%v" (include "nimbus.serviceHost" (dict "root" . "key" "query")) .Values.services.query.port }}
{{- end }}

{{- define "nimbus.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "nimbus.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Normalised DICOMweb prefix: "" or "/a/b" (leading slash, no trailing slash). */}}
{{- define "nimbus.pathPrefix" -}}
{{- $p := trimSuffix "/" (default "" .Values.routing.pathPrefix) }}
{{- if and $p (not (hasPrefix "/" $p)) }}{{ $p = printf "/%s" $p }}{{ end }}
{{- $p }}
{{- end }}

{{/* The public base URL: explicit value, else from the ingress host, else "" (derived per request). */}}
{{- define "nimbus.publicBaseUrl" -}}
{{- if .Values.publicBaseUrl }}
{{- trimSuffix "/" .Values.publicBaseUrl }}
{{- else if and (eq .Values.routing.mode "ingress") .Values.ingress.host }}
{{- printf "%s://%s%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host (include "nimbus.pathPrefix" .) }}
{{- else if and (eq .Values.routing.mode "httpRoute") .Values.httpRoute.hostnames }}
{{- printf "https://%s%s" (first .Values.httpRoute.hostnames) (include "nimbus.pathPrefix" .) }}
{{- end }}
{{- end }}

{{/* Image of a service. Call with (dict "root" $ "svc" $svc). */}}
{{- define "nimbus.image" -}}
{{- $repo := .svc.image.repository }}
{{- if .root.Values.image.registry }}{{ $repo = printf "%s/%s" (trimSuffix "/" .root.Values.image.registry) $repo }}{{ end }}
{{- $tag := .svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repo $tag }}
{{- end }}

{{/* Cross-field checks the JSON schema cannot express. */}}
{{- define "nimbus.validate" -}}
{{- if and (eq .Values.routing.mode "ingress") (not .Values.gateway.enabled) }}
{{- fail "routing.mode=ingress needs gateway.enabled=true: ingress controllers cannot route by HTTP method, the in-chart gateway does" }}
{{- end }}
{{- if and (eq .Values.routing.mode "httpRoute") (eq .Values.httpRoute.backend "gateway") (not .Values.gateway.enabled) }}
{{- fail "httpRoute.backend=gateway needs gateway.enabled=true" }}
{{- end }}
{{- if and (eq .Values.routing.mode "httpRoute") (eq .Values.httpRoute.backend "services") (include "nimbus.pathPrefix" .) }}
{{- fail "httpRoute.backend=services routes the QIDO collections with a regular expression, which Gateway API cannot strip a prefix from: use routing.pathPrefix=\"\" or httpRoute.backend=gateway" }}
{{- end }}
{{- if and (eq .Values.routing.mode "httpRoute") (not .Values.httpRoute.parentRefs) }}
{{- fail "routing.mode=httpRoute needs httpRoute.parentRefs (the Gateway to attach to)" }}
{{- end }}
{{- if and .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) (eq .Values.routing.mode "ingress") }}
{{- fail "ingress.tls.enabled needs ingress.tls.secretName" }}
{{- end }}
{{- if and (eq .Values.s3.credentials.source "secret") (not .Values.s3.credentials.existingSecret) }}
{{- fail "s3.credentials.source=secret needs s3.credentials.existingSecret (or use source=default for IRSA)" }}
{{- end }}
{{- if and (hasPrefix "SASL" .Values.kafka.securityProtocol) (not .Values.kafka.sasl.existingSecret) }}
{{- fail "kafka.securityProtocol SASL_* needs kafka.sasl.existingSecret (the JAAS config) and kafka.sasl.mechanism" }}
{{- end }}
{{- if and (hasPrefix "SASL" .Values.kafka.securityProtocol) (not .Values.kafka.sasl.mechanism) }}
{{- fail "kafka.securityProtocol SASL_* needs kafka.sasl.mechanism" }}
{{- end }}
{{- if and .Values.oidc.enabled (not .Values.oidc.authServerUrl) }}
{{- fail "oidc.enabled needs oidc.authServerUrl (the issuer)" }}
{{- end }}
{{- if and .Values.oidc.enabled .Values.oidc.serviceClient.enabled (not .Values.oidc.serviceClient.existingSecret) }}
{{- fail "oidc.enabled needs oidc.serviceClient.existingSecret (the client secret store/delete use for query-service's /internal/*), or oidc.serviceClient.enabled=false" }}
{{- end }}
{{- end }}

{{/* Checksum of the shared configuration, so pods roll when it changes. */}}
{{- define "nimbus.configChecksum" -}}
{{- include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end }}

{{/*
Environment read from Secrets (never inlined). Call with (dict "root" $ "key" "store").
query-service gets the writer database user, the others the read-only one.
*/}}
{{- define "nimbus.secretEnv" -}}
{{- $v := .root.Values }}
{{- $db := ternary $v.database.writer $v.database.reader (eq .key "query") -}}
- name: NIMBUS_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $db.usernameKey }}
- name: NIMBUS_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $db.passwordKey }}
{{- if and (has .key (list "store" "retrieve" "delete")) (eq $v.s3.credentials.source "secret") }}
- name: NIMBUS_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.s3.credentials.existingSecret }}
      key: {{ $v.s3.credentials.accessKeyKey }}
- name: NIMBUS_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.s3.credentials.existingSecret }}
      key: {{ $v.s3.credentials.secretKeyKey }}
{{- end }}
{{- if and (has .key (list "store" "retrieve" "query" "delete")) $v.kafka.sasl.existingSecret }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $v.kafka.sasl.existingSecret }}
      key: {{ $v.kafka.sasl.jaasConfigKey }}
{{- end }}
{{- if and (has .key (list "store" "delete")) $v.oidc.enabled $v.oidc.serviceClient.enabled }}
- name: NIMBUS_OIDC_SERVICE_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $v.oidc.serviceClient.existingSecret }}
      key: {{ $v.oidc.serviceClient.key }}
{{- end }}
{{- if $v.oidc.clientSecret.existingSecret }}
- name: QUARKUS_OIDC_CREDENTIALS_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $v.oidc.clientSecret.existingSecret }}
      key: {{ $v.oidc.clientSecret.key }}
{{- end }}
{{- end }}

{{/* Pod-level and container-level security context of the services. */}}
{{- define "nimbus.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end }}
