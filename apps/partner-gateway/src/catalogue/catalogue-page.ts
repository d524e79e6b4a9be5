import { partnerEventCatalogue, PARTNER_TOPIC_PREFIX } from '@reintegra/event-contracts';
import { CATEGORY_POLICY } from '../policy/category-policy';
import { buildAsyncApiDocument, exampleEnvelope, messageName } from './asyncapi';
import { publishedJsonSchema } from './json-schema';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "Spanish / English" texts of the contracts, shown as Spanish with the English beneath. */
function bilingualHtml(text: string): string {
  const [es, en] = text.split(' / ');
  return en ? `${escape(es ?? '')}<br><span class="en">${escape(en)}</span>` : escape(text);
}

interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

function typeName(property: Record<string, unknown>): string {
  if (Array.isArray(property['enum'])) return (property['enum'] as string[]).join(' | ');
  if (property['type'] === 'array')
    return `array of ${typeName((property['items'] ?? {}) as Record<string, unknown>)}`;
  return String(property['type'] ?? 'any');
}

/** The fields of a data schema, nested objects flattened (`scores.economic`). */
function fields(schema: Record<string, unknown>, prefix = ''): FieldRow[] {
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = (schema['required'] ?? []) as string[];
  return Object.entries(properties).flatMap(([name, property]) => {
    const row = {
      name: `${prefix}${name}`,
      type: typeName(property),
      required: required.includes(name),
      description: String(property['description'] ?? ''),
    };
    return property['type'] === 'object' ? [row, ...fields(property, `${prefix}${name}.`)] : [row];
  });
}

const code = (text: string) => `<pre><code>${escape(text)}</code></pre>`;

/**
 * The catalogue as a page a new partner can start from: what arrives and under which rules, how
 * to subscribe, verify signatures, read the Kafka stream and replay, then every event with its
 * fields and an example. Spanish first, English beneath. Generated from the same contracts as
 * the AsyncAPI document.
 */
export function renderCataloguePage(baseUrl: string): string {
  const document = buildAsyncApiDocument();
  const base = escape(baseUrl);
  const policyRows = Object.entries(CATEGORY_POLICY)
    .map(
      ([category, entries]) =>
        `<tr><td><code>${category}</code></td><td>${entries
          .map(
            (entry) =>
              `<code>${escape(entry.type)}</code>${entry.services ? ` (${entry.services.join(', ')})` : ''}`,
          )
          .join('<br>')}</td></tr>`,
    )
    .join('');
  const events = partnerEventCatalogue
    .map((definition, index) => {
      const rows = fields(publishedJsonSchema(definition.data))
        .map(
          (field) =>
            `<tr><td><code>data.${escape(field.name)}</code></td><td>${escape(field.type)}</td><td>${field.required ? 'sí / yes' : 'no'}</td><td>${bilingualHtml(field.description)}</td></tr>`,
        )
        .join('');
      return `
<section id="${messageName(definition.type)}">
  <h3>${bilingualHtml(definition.title)}</h3>
  <p><code>${escape(definition.type)}</code>${definition.mandatory ? ' — <strong>siempre se envía / always sent</strong>' : ''}</p>
  <p>${bilingualHtml(definition.description)}</p>
  <table><thead><tr><th>Campo / field</th><th>Tipo / type</th><th>Obligatorio / required</th><th>Descripción / description</th></tr></thead>
  <tbody>${rows}</tbody></table>
  <details><summary>Ejemplo / example</summary>${code(JSON.stringify(exampleEnvelope(definition, index), null, 2))}</details>
</section>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reintegra — catálogo de eventos para agencias socias</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
  .en { color: #555; font-size: 0.92em; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
  th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
  pre { background: #f4f4f4; padding: 0.75rem; overflow-x: auto; }
  h2 { border-bottom: 2px solid #0047ab; padding-bottom: 0.2rem; }
</style>
</head>
<body>
<h1>Catálogo de eventos para agencias socias<br><span class="en">Event catalogue for partner agencies</span></h1>
<p>Versión / version ${escape(document.info.version)} · <a href="${base}/catalogue/asyncapi.json">AsyncAPI 3 (JSON)</a></p>

<h2>Qué recibe y con qué reglas <span class="en">/ What you get, and the rules</span></h2>
<ul>
<li>Eventos <strong>seudonimizados</strong>: <code>subject</code> es un seudónimo del expediente propio de su agencia (distinto en cada agencia). Nunca nombres, DUI, contacto, respuestas, ids internos ni nada de la atención a víctimas. Fechas generalizadas (mes de retorno, día del hecho).<br><span class="en">Pseudonymised events: <code>subject</code> is a case pseudonym of your own agency (different for every agency). Never names, DUI, contact, answers, internal ids or anything about victim support. Dates generalised.</span></li>
<li>Solo de personas cuyo <strong>consentimiento</strong> (propósito <code>partner-sharing</code>) cubre la categoría de su agencia. Si lo retira: no llegan más eventos y recibe <code>data-redaction-requested</code>; borre lo que tenga sobre ese seudónimo.<br><span class="en">Only about people whose consent (purpose <code>partner-sharing</code>) covers your agency's category. On withdrawal, events stop and <code>data-redaction-requested</code> arrives: delete what you hold about that pseudonym.</span></li>
<li><strong>Listados públicos</strong>, sin personas ni consentimiento: servicios del directorio (tipo, municipio, requisitos, cupos libres) y actividades comunitarias (tipo, municipio, cupo, plazas libres; nunca participantes ni cifras de participación). Su <code>subject</code> es una huella del id del servicio o actividad, igual para todas las agencias.<br><span class="en">Public listings, with no person and no consent: directory services (type, municipality, eligibility, free places) and community activities (kind, municipality, capacity, free seats; never participants or participation figures). Their <code>subject</code> is a digest of the service's or activity's id, the same for every agency.</span></li>
<li>Un evento cuyo consentimiento aún no se conoce espera (no se pierde) hasta que llega o vence el plazo de espera.<br><span class="en">An event whose consent is not yet known waits (it is not lost) until the consent arrives or the hold time ends.</span></li>
<li>Orden por expediente; ids estables (clave de idempotencia); reintentos con espera exponencial.<br><span class="en">Order per case; stable ids (idempotency key); retries with exponential backoff.</span></li>
</ul>

<h2>Cómo empezar <span class="en">/ Getting started</span></h2>
<ol>
<li><p>Pida a la administración municipal el registro de su agencia y una clave de API (<code>rgw_…</code>, se muestra una sola vez).<br><span class="en">Ask the municipal administrator to register your agency and issue an API key (shown once).</span></p>
${code(`curl -H "x-api-key: $API_KEY" ${baseUrl}/agency   # tipos que puede recibir / types you may receive`)}</li>
<li><p>Suscríbase por webhook (https) y guarde el <code>webhookSecret</code> (se muestra una sola vez):<br><span class="en">Subscribe by webhook (https) and keep the <code>webhookSecret</code> (shown once):</span></p>
${code(`curl -X POST ${baseUrl}/agency/subscriptions -H "x-api-key: $API_KEY" -H 'content-type: application/json' -d '{
  "eventTypes": ["sv.reintegra.partner.case-opened.v1", "sv.reintegra.partner.referral-status-changed.v1"],
  "municipalityCodes": ["SV-PA-LA-PAZ-ESTE"],
  "channel": "webhook",
  "webhookUrl": "https://receptor.su-agencia.org/reintegra"
}'`)}
<p>… o por Kafka (<code>"channel": "kafka"</code>): su tópico es <code>${escape(PARTNER_TOPIC_PREFIX)}&lt;agencyId&gt;</code>, clave = seudónimo. Ejemplo de consumidor: <code>apps/partner-gateway/examples/kafka-consumer.mjs</code>.<br><span class="en">… or by Kafka: your topic is <code>${escape(PARTNER_TOPIC_PREFIX)}&lt;agencyId&gt;</code>, key = pseudonym. Example consumer in the repository.</span></p></li>
<li><p>Verifique cada webhook (Standard Webhooks) sobre el cuerpo sin modificar y descarte repetidos por <code>webhook-id</code>:<br><span class="en">Verify each webhook over the raw body and drop repeats by <code>webhook-id</code>:</span></p>
${code(`const { createHmac, timingSafeEqual } = require('node:crypto');
function verify(secret, headers, rawBody) {
  const id = headers['webhook-id'], ts = headers['webhook-timestamp'];
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;   // 5 min
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = 'v1,' + createHmac('sha256', key).update(id + '.' + ts + '.' + rawBody).digest('base64');
  return headers['webhook-signature'].split(' ').some((s) =>
    s.length === expected.length && timingSafeEqual(Buffer.from(s), Buffer.from(expected)));
}`)}
<p>Responda 2xx en menos de 10 s. Ejemplo completo: <code>apps/partner-gateway/examples/webhook-receiver.mjs</code>.<br><span class="en">Answer 2xx within 10 s. Full example in the repository.</span></p></li>
<li><p>Registro de entregas (estado, intentos, último error) y repetición desde una fecha:<br><span class="en">Delivery log (status, attempts, last error) and replay from a date:</span></p>
${code(`curl -H "x-api-key: $API_KEY" ${baseUrl}/agency/subscriptions/$SUBSCRIPTION_ID/deliveries
curl -X POST -H "x-api-key: $API_KEY" -H 'content-type: application/json' \\
  ${baseUrl}/agency/subscriptions/$SUBSCRIPTION_ID/replays -d '{"from": "2026-11-01T00:00:00Z"}'`)}</li>
<li><p>Solo cifras: remisiones por mes, municipio, servicio y resultado (celdas pequeñas suprimidas):<br><span class="en">Numbers only: referrals by month, municipality, service and outcome (small cells suppressed):</span></p>
${code(`curl -H "x-api-key: $API_KEY" "${baseUrl}/agency/statistics?from=2026-01&to=2026-12"`)}</li>
</ol>

<h2>Qué puede recibir cada categoría <span class="en">/ What each category may receive</span></h2>
<table><thead><tr><th>Categoría / category</th><th>Tipos / types</th></tr></thead><tbody>${policyRows}</tbody></table>
<p><code>sv.reintegra.partner.data-redaction-requested.v1</code>: todas, siempre / all, always.</p>

<h2>Eventos <span class="en">/ Events</span></h2>
<p>Sobre CloudEvents 1.0 (JSON): <code>specversion, id, source, type, subject, time, datacontenttype, position, data</code>.<br><span class="en">CloudEvents 1.0 envelope (JSON).</span></p>
${events}
</body>
</html>
`;
}
