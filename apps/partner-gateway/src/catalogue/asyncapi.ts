import {
  CLOUDEVENTS_CONTENT_TYPE,
  PARTNER_EVENT_SOURCE,
  PARTNER_TOPIC_PREFIX,
  partnerEventCatalogue,
  partnerEventEnvelopeSchema,
  type PartnerEventDefinition,
  pseudonymSchema,
} from '@reintegra/event-contracts';
import { REPLAY_HEADER } from '../delivery/delivery-worker.service';
import { CATEGORY_POLICY } from '../policy/category-policy';
import { publishedJsonSchema } from './json-schema';

/** Version of the catalogue document: minor for additive changes, major with new event versions. */
export const CATALOGUE_VERSION = '1.0.0';

/** `sv.reintegra.partner.case-opened.v1` → `caseOpenedV1` (component names). */
export function messageName(type: string): string {
  const [, , , name = '', version = ''] = type.split('.');
  const camel = name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return `${camel}${version.toUpperCase()}`;
}

const ref = (path: string) => ({ $ref: `#/${path}` });

/** A deterministic example envelope (the committed document must not change between runs). */
export function exampleEnvelope(definition: PartnerEventDefinition, index: number) {
  return {
    specversion: '1.0',
    id: `7c1e5f0a-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    source: PARTNER_EVENT_SOURCE,
    type: definition.type,
    subject: 'x3fQm9Yc0a6Rk2bZpL8vN1sT4uW7eH5jD0gK3iA2oXc',
    time: '2026-11-20T00:00:00.000Z',
    datacontenttype: 'application/json',
    position: 1000 + index,
    data: definition.example,
  };
}

function categoriesFor(definition: PartnerEventDefinition): string {
  if (definition.mandatory) return 'todas / all';
  return Object.entries(CATEGORY_POLICY)
    .flatMap(([category, entries]) => {
      const entry = entries.find((candidate) => candidate.type === definition.type);
      if (!entry) return [];
      return [entry.services ? `${category} (${entry.services.join(', ')})` : category];
    })
    .join(', ');
}

const DESCRIPTION = `
**Eventos de Reintegra para agencias socias** (OIM, CONMIGRANTES, ONG, empleadores, escuelas,
academia). Cada evento se deriva de los hechos internos de la plataforma y llega **seudonimizado**:
el \`subject\` es un seudónimo del expediente propio de su agencia (HMAC con una clave de su
agencia: estable para usted, distinto para cada agencia); nunca nombres, DUI, contacto, respuestas
de cuestionarios, ids internos ni nada de la atención a víctimas. Las fechas se generalizan
(mes de retorno; hora truncada al día). Un evento sobre una persona llega **solo si su
consentimiento** (propósito \`partner-sharing\`) cubre la categoría de su agencia; si lo retira, deja
de recibir eventos y recibe \`data-redaction-requested\`: borre lo recibido sobre ese seudónimo.
Además, **listados públicos** sin personas: servicios del directorio (tipo, municipio, requisitos,
cupos libres; nunca atención a víctimas) y actividades comunitarias (tipo, municipio, cupo, plazas
libres; nunca participantes ni cifras de participación). No requieren consentimiento; su
\`subject\` es una huella SHA-256 del id del servicio o actividad, igual para todas las agencias.

Canales: un tópico Kafka propio (\`${PARTNER_TOPIC_PREFIX}<agencyId>\`, clave = seudónimo) y/o
webhooks firmados según Standard Webhooks (\`webhook-id\` = id del evento, clave de idempotencia;
\`webhook-signature\` = \`v1,<base64 HMAC-SHA256 de "id.timestamp.cuerpo">\` con su secreto
\`whsec_\`). El orden se mantiene por expediente. Puede pedir la repetición desde una fecha (mismos
ids, cabecera \`${REPLAY_HEADER}: true\`).

**Reintegra events for partner agencies.** Each event is derived from the platform's internal
facts and arrives **pseudonymised**: \`subject\` is a pseudonym of the case of your own agency
(HMAC under a key of your agency: stable for you, different for every agency); never names, DUI,
contact, questionnaire answers, internal ids or anything about victim support. Dates are
generalised. An event about a person arrives **only if their consent** (purpose
\`partner-sharing\`) covers your agency's category; on withdrawal, events stop and
\`data-redaction-requested\` asks you to delete what you received about that pseudonym.
Public **listings** name no person: directory services (type, municipality, eligibility, free
places; never victim support) and community activities (kind, municipality, capacity, free seats;
never participants or participation figures); they need no consent and their \`subject\` is a
SHA-256 digest of the service's or activity's id, the same for every agency.
Channels: your own Kafka topic and/or Standard Webhooks-signed HTTP POSTs; order is kept per case;
replay from a date re-sends the same ids.
`.trim();

/**
 * The AsyncAPI 3 document of every public event, generated from the contracts library and the
 * category policy. `catalogue/asyncapi.json` is this document committed; a unit test fails when
 * they drift and validates it with the AsyncAPI parser.
 */
export function buildAsyncApiDocument() {
  const messages = Object.fromEntries(
    partnerEventCatalogue.map((definition, index) => [
      messageName(definition.type),
      {
        name: definition.type,
        title: definition.title,
        summary: definition.title,
        description: `${definition.description}\n\nCategorías que pueden recibirlo / categories that may receive it: ${categoriesFor(definition)}.\n\nDerivado de / derived from: ${definition.derivedFrom.join(', ')}.`,
        contentType: CLOUDEVENTS_CONTENT_TYPE,
        payload: {
          allOf: [
            ref('components/schemas/PartnerEventEnvelope'),
            {
              type: 'object',
              properties: {
                type: { const: definition.type },
                data: ref(`components/schemas/${messageName(definition.type)}Data`),
              },
            },
          ],
        },
        bindings: {
          kafka: { key: ref('components/schemas/Pseudonym'), bindingVersion: '0.5.0' },
          http: { headers: ref('components/schemas/WebhookHeaders'), bindingVersion: '0.3.0' },
        },
        examples: [
          {
            name: 'ejemplo',
            summary: definition.title,
            payload: exampleEnvelope(definition, index),
          },
        ],
      },
    ]),
  );
  const messageRefs = Object.fromEntries(
    Object.keys(messages).map((name) => [name, ref(`components/messages/${name}`)]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Reintegra — eventos para agencias socias / partner agency events',
      version: CATALOGUE_VERSION,
      description: DESCRIPTION,
      license: { name: 'MIT' },
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    servers: {
      kafka: {
        host: 'kafka.reintegra.example.gob.sv:9093',
        protocol: 'kafka-secure',
        description:
          'Kafka con SASL_SSL (SCRAM-SHA-512) o mTLS; su usuario solo puede leer su tópico. / Kafka over SASL_SSL (SCRAM-SHA-512) or mTLS; your user may read only your topic.',
        security: [ref('components/securitySchemes/scram')],
      },
      agencyReceiver: {
        host: '{receiverHost}',
        protocol: 'https',
        description: 'El receptor de webhooks de su agencia / your agency’s webhook receiver',
        variables: {
          receiverHost: { description: 'Host de su receptor (https) / host of your receiver' },
        },
      },
    },
    channels: {
      agencyStream: {
        address: `${PARTNER_TOPIC_PREFIX}{agencyId}`,
        title: 'Tópico de su agencia / your agency topic',
        description:
          'Un tópico por agencia, creado por la pasarela; clave = `subject` (orden por expediente, servicio o actividad). / One topic per agency, created by the gateway; key = `subject` (order per case, service or activity).',
        parameters: { agencyId: { description: 'Id de su agencia / your agency id' } },
        servers: [ref('servers/kafka')],
        messages: messageRefs,
      },
      agencyWebhook: {
        address: '{receiverPath}',
        title: 'Webhook de su agencia / your agency webhook',
        description:
          'POST firmado por evento; responda 2xx. Reintentos con espera exponencial; tras el último intento, cola de mensajes fallidos (la administración puede reenviar). / One signed POST per event; answer 2xx. Retried with exponential backoff; after the last attempt, dead-lettered (the administrator can re-drive).',
        parameters: {
          receiverPath: { description: 'Ruta de su receptor / path of your receiver' },
        },
        servers: [ref('servers/agencyReceiver')],
        messages: messageRefs,
      },
    },
    operations: {
      streamToAgency: {
        action: 'send',
        title: 'Publicar en el tópico de la agencia / publish to the agency topic',
        channel: ref('channels/agencyStream'),
        messages: Object.keys(messages).map((name) =>
          ref(`channels/agencyStream/messages/${name}`),
        ),
      },
      postToAgencyWebhook: {
        action: 'send',
        title: 'Enviar al webhook de la agencia / post to the agency webhook',
        channel: ref('channels/agencyWebhook'),
        bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
        messages: Object.keys(messages).map((name) =>
          ref(`channels/agencyWebhook/messages/${name}`),
        ),
      },
    },
    components: {
      schemas: {
        PartnerEventEnvelope: publishedJsonSchema(partnerEventEnvelopeSchema.omit({ data: true })),
        Pseudonym: publishedJsonSchema(pseudonymSchema),
        WebhookHeaders: {
          type: 'object',
          required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
          properties: {
            'webhook-id': {
              type: 'string',
              description:
                'Id del evento: clave de idempotencia, igual en reintentos / event id: idempotency key, the same on retries',
            },
            'webhook-timestamp': {
              type: 'string',
              description: 'Segundos Unix del envío / Unix seconds of the attempt',
            },
            'webhook-signature': {
              type: 'string',
              description:
                'v1,<base64 HMAC-SHA256(secreto sin whsec_ decodificado, "id.timestamp.cuerpo")>',
            },
            [REPLAY_HEADER]: {
              type: 'string',
              enum: ['true'],
              description: 'Presente en repeticiones / present on replays',
            },
          },
        },
        ...Object.fromEntries(
          partnerEventCatalogue.map((definition) => [
            `${messageName(definition.type)}Data`,
            publishedJsonSchema(definition.data),
          ]),
        ),
      },
      messages,
      securitySchemes: {
        scram: {
          type: 'scramSha512',
          description:
            'Usuario y contraseña Kafka de su agencia (SASL/SCRAM-SHA-512 sobre TLS). / Your agency Kafka user (SASL/SCRAM-SHA-512 over TLS).',
        },
      },
    },
  };
}
