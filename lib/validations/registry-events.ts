import { z } from "zod";

/**
 * The registry's notification envelope (`application/vnd.docker.distribution.events.v1+json`).
 * Unknown fields pass through into the stored payload; the ones the console relies on are checked.
 */
export const registryEventSchema = z.looseObject({
  id: z.string().min(1).max(200),
  timestamp: z.string().datetime({ offset: true }),
  action: z.string().min(1).max(50),
  target: z.looseObject({
    mediaType: z.string().max(200).optional(),
    size: z.number().int().nonnegative().optional(),
    length: z.number().int().nonnegative().optional(),
    digest: z.string().max(200).optional(),
    repository: z.string().min(1).max(255),
    url: z.string().max(2000).optional(),
    tag: z.string().max(128).optional(),
  }),
  request: z
    .looseObject({
      id: z.string().optional(),
      addr: z.string().optional(),
      host: z.string().optional(),
      method: z.string().optional(),
      useragent: z.string().optional(),
    })
    .optional(),
  actor: z.looseObject({ name: z.string().optional() }).optional(),
  source: z.looseObject({ addr: z.string().optional(), instanceID: z.string().optional() }).optional(),
});

export const registryEnvelopeSchema = z.object({ events: z.array(registryEventSchema).max(10_000) });

export type RegistryEventInput = z.infer<typeof registryEventSchema>;
export type RegistryEnvelope = z.infer<typeof registryEnvelopeSchema>;
