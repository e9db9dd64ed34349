{{/* Chart name. */}}
{{- define "serial-registry.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name (max 63 chars, DNS-1123). */}}
{{- define "serial-registry.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "serial-registry.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "serial-registry.labels" -}}
helm.sh/chart: {{ include "serial-registry.chart" . }}
{{ include "serial-registry.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "serial-registry.selectorLabels" -}}
app.kubernetes.io/name: {{ include "serial-registry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "serial-registry.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "serial-registry.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "serial-registry.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/* Secret the pod reads its secret settings from. */}}
{{- define "serial-registry.secretName" -}}
{{- .Values.existingSecret | default (include "serial-registry.fullname" .) }}
{{- end }}

{{/* SPRING_PROFILES_ACTIVE */}}
{{- define "serial-registry.profiles" -}}
{{- $profiles := list "postgres" }}
{{- if .Values.keycloak.enabled }}
{{- $profiles = append $profiles "keycloak" }}
{{- end }}
{{- concat $profiles .Values.app.extraProfiles | uniq | join "," }}
{{- end }}

{{/* SPRING_DATASOURCE_URL */}}
{{- define "serial-registry.jdbcUrl" -}}
{{- $pg := .Values.postgresql }}
{{- $host := required "postgresql.host is required (external PostgreSQL)" $pg.host }}
{{- $url := printf "jdbc:postgresql://%s:%d/%s" $host (int $pg.port) (required "postgresql.database is required" $pg.database) }}
{{- $params := list }}
{{- range $k, $v := $pg.params }}
{{- $params = append $params (printf "%s=%v" $k $v) }}
{{- end }}
{{- if $params }}
{{- $url = printf "%s?%s" $url (join "&" $params) }}
{{- end }}
{{- $url }}
{{- end }}

{{/* SERIAL_REGISTRY_PUBLIC_BASE_URL: explicit value, else the first ingress host. */}}
{{- define "serial-registry.publicBaseUrl" -}}
{{- if .Values.app.publicBaseUrl }}
{{- .Values.app.publicBaseUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := (first .Values.ingress.hosts).host }}
{{- $scheme := "http" }}
{{- range .Values.ingress.tls }}
{{- if has $host .hosts }}
{{- $scheme = "https" }}
{{- end }}
{{- end }}
{{- if $host }}
{{- printf "%s://%s" $scheme $host }}
{{- end }}
{{- end }}
{{- end }}

{{/* Fail early on missing secret settings when the chart manages the Secret. */}}
{{- define "serial-registry.validate" -}}
{{- if not .Values.existingSecret }}
{{- $active := .Values.app.keys.active | int | toString }}
{{- if not (hasKey (.Values.app.keys.versions | default dict) $active) }}
{{- fail (printf "app.keys.versions must contain the active key version %q (base64 secret), or set existingSecret" $active) }}
{{- end }}
{{- if and (not .Values.postgresql.existingSecret) (not .Values.postgresql.password) }}
{{- fail "set postgresql.password, postgresql.existingSecret or existingSecret" }}
{{- end }}
{{- if and .Values.keycloak.enabled (not .Values.keycloak.clientSecret) }}
{{- fail "keycloak.enabled requires keycloak.clientSecret or existingSecret" }}
{{- end }}
{{- end }}
{{- if .Values.keycloak.enabled }}
{{- $_ := required "keycloak.issuerUri is required when keycloak.enabled" .Values.keycloak.issuerUri }}
{{- end }}
{{- end }}
