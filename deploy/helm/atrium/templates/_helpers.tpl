{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "atrium.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart unless the release name already contains the chart name. */}}
{{- define "atrium.fullname" -}}
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

{{- define "atrium.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "atrium.selectorLabels" -}}
app.kubernetes.io/name: {{ include "atrium.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: hub
{{- end }}

{{- define "atrium.labels" -}}
helm.sh/chart: {{ include "atrium.chart" . }}
{{ include "atrium.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: atrium
{{- end }}

{{- define "atrium.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "atrium.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "atrium.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Secret names: the one given, or the one the chart creates. */}}
{{- define "atrium.tlsSecret" -}}
{{- default (printf "%s-tls" (include "atrium.fullname" .)) .Values.tls.existingSecret }}
{{- end }}

{{- define "atrium.tokensSecret" -}}
{{- default (printf "%s-tokens" (include "atrium.fullname" .)) .Values.tokens.existingSecret }}
{{- end }}

{{- define "atrium.pgClusterName" -}}
{{- printf "%s-pg" (include "atrium.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "atrium.dbSecret" -}}
{{- if .Values.database.cloudnativepg.enabled }}
{{- printf "%s-app" (include "atrium.pgClusterName" .) }}
{{- else }}
{{- default (printf "%s-db" (include "atrium.fullname" .)) .Values.database.existingSecret }}
{{- end }}
{{- end }}

{{/* DNS names of the hub Service, for the generated certificate. */}}
{{- define "atrium.serviceNames" -}}
{{- $svc := include "atrium.fullname" . }}
{{- $ns := .Release.Namespace }}
{{- $names := list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) "localhost" }}
{{- concat $names .Values.hub.hostnames | uniq | toJson }}
{{- end }}

{{- define "atrium.externalURL" -}}
{{- if .Values.hub.externalURL }}
{{- .Values.hub.externalURL }}
{{- else }}
{{- printf "https://%s.%s.svc:%d" (include "atrium.fullname" .) .Release.Namespace (int .Values.service.port) }}
{{- end }}
{{- end }}

{{/* Fails rendering on combinations that cannot work. */}}
{{- define "atrium.validate" -}}
{{- $db := .Values.database }}
{{- if and (not $db.cloudnativepg.enabled) (not $db.existingSecret) (not $db.url) }}
{{- fail "database: set database.cloudnativepg.enabled=true, database.existingSecret or database.url" }}
{{- end }}
{{- if and (not .Values.tls.existingSecret) (not .Values.tls.generate) }}
{{- fail "tls: set tls.existingSecret or tls.generate=true" }}
{{- end }}
{{- if and .Values.podDisruptionBudget.enabled .Values.podDisruptionBudget.minAvailable .Values.podDisruptionBudget.maxUnavailable }}
{{- fail "podDisruptionBudget: set only one of minAvailable and maxUnavailable" }}
{{- end }}
{{- end }}
