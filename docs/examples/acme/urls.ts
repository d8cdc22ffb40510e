/** Where an Acme client connects. */
export interface AcmeUrls {
  readonly public: string
}

export const ACME_URLS = {
  live: { public: 'wss://stream.acme.example/ws' },
} as const satisfies Record<'live', AcmeUrls>
