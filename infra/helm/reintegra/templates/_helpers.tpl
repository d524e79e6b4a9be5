{{/* Name of a service's objects: <release>-<service>. */}}
{{- define "reintegra.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "reintegra.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "reintegra.labels" -}}
{{ include "reintegra.selector" . }}
app.kubernetes.io/part-of: reintegra
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "reintegra.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* A service's settings: .Values.defaults overlaid with services.<name> (deep). */}}
{{- define "reintegra.settings" -}}
{{- $svc := index .root.Values.services .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $svc)) -}}
{{- end -}}

{{/* Secret names of a database's two roles (CloudNativePG managed roles, basic-auth). */}}
{{- define "reintegra.dbSecret" -}}
{{- if eq .role "app" -}}
{{- (.svc.databaseSecrets | default dict).app | default (printf "pg-%s-app" (.svc.database | replace "_" "-")) -}}
{{- else -}}
{{- (.svc.databaseSecrets | default dict).migrator | default (printf "pg-%s-migrator" (.svc.database | replace "_" "-")) -}}
{{- end -}}
{{- end -}}

{{/*
PostgreSQL URL env for one role: DATABASE_USER/PASSWORD from the role's Secret, then the URL built
from them by Kubernetes' $(VAR) expansion (hex passwords need no escaping).
*/}}
{{- define "reintegra.dbEnv" -}}
{{- $pg := .root.Values.postgres -}}
- name: PG_ROLE_USER
  valueFrom: { secretKeyRef: { name: {{ include "reintegra.dbSecret" . }}, key: username } }
- name: PG_ROLE_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ include "reintegra.dbSecret" . }}, key: password } }
- name: {{ .variable }}
  value: {{ printf "postgres://$(PG_ROLE_USER):$(PG_ROLE_PASSWORD)@%s:%v/%s?sslmode=%s%s" $pg.host $pg.port .svc.database $pg.sslMode (ternary "&sslrootcert=/etc/reintegra/postgres-ca/ca.crt" "" (ne $pg.caSecret "")) | quote }}
{{- end -}}

{{- define "reintegra.postgresCaVolume" -}}
{{- if .Values.postgres.caSecret }}
- name: postgres-ca
  secret:
    secretName: {{ .Values.postgres.caSecret }}
    defaultMode: 0440
    items: [{ key: {{ .Values.postgres.caKey }}, path: ca.crt }]
{{- end }}
{{- end -}}

{{- define "reintegra.postgresCaMount" -}}
{{- if .Values.postgres.caSecret }}
- { name: postgres-ca, mountPath: /etc/reintegra/postgres-ca, readOnly: true }
{{- end }}
{{- end -}}

{{/* Key-encryption keys: file name, variable and Secret key of each. */}}
{{- define "reintegra.keyFiles" -}}
intake: { file: intake-kek.b64, variable: INTAKE_KEK_FILE }
victimSupport: { file: victim-support-kek.b64, variable: VICTIM_SUPPORT_KEK_FILE }
{{- end -}}
