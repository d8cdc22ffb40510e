/** Bad command-line usage: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly kind = 'usage'
}

/** Parses `30s`, `500ms`, `2m`, `1h` or a bare number of seconds into milliseconds. */
export const parseDuration = (text: string, option: string): number => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (m === null) throw new UsageError(`${option}: expected a duration such as 30s, 500ms, 2m or 1h, got ${JSON.stringify(text)}`)
  const value = Number(m[1])
  const unit = m[2] ?? 's'
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'm' ? 60_000 : 3_600_000
  return Math.round(value * factor)
}

/** Parses a finite number; `integer` also requires a whole, non-negative one. */
export const parseNumber = (text: string, option: string, { integer = false } = {}): number => {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || (integer && (!Number.isInteger(value) || value < 0))) {
    throw new UsageError(`${option}: expected ${integer ? 'a whole number' : 'a number'}, got ${JSON.stringify(text)}`)
  }
  return value
}

/** Splits `a,b, c` into `['a', 'b', 'c']`. */
export const parseList = (text: string): readonly string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

export const USAGE = `Usage: tributary <command> [options]

Commands:
  spread <symbol…>   Live cross-venue spreads for unified symbols (BTC/USDT, BTC/USDT:USDT)
      --venues okx,kucoin,weex   venues to watch (default: all)
      --min-edge-bps N           smallest net edge to highlight as an opportunity (default 0)
      --fees okx=5,okx:spot=10   taker fees in bps per venue, venue:kind or venue:symbol (defaults: base tier)
      --max-age 5s               a quote older than this is stale and excluded
      --same-quote USDT,USDC     treat these quote currencies as one (repeatable)
      --via book|quote           what to watch: L2 books (default) or best bid/offer streams
      --json                     one JSON object per line (also when stdout is not a terminal)
      --interval 1s              smallest interval between outputs (default 200ms table, 1s JSON)
  demo               Simulated venues on loopback, real adapters, the spread monitor (simulated data)
      --duration 30s (0: until stopped)  --json  --interval 1s  --seed N  --no-faults  --min-edge-bps N  --fees …
  simulate           Serve the simulated venues for other clients until stopped
      --venues okx,kucoin,weex  --port N  --faults drop,silence,gap,checksum,malformed,schema|none  --seed N
  replay <file.jsonl> Feed a recorded capture through a venue adapter, without network
      --venue okx|kucoin|weex  --depth N (default 1)  --summary <path>
      --instruments <capture.jsonl>  REST responses (instrument lists) of another capture, for files without them
  record             Record raw frames and REST responses to a capture file
      --venue V  --channels book,trades,ticker  --symbols BTC/USDT,…  --out file.jsonl  [--duration 1m]

Endpoints (spread, record): --url VENUE[.ENTRY]=ws://… and --rest VENUE=http://…, or the environment variables
  TRIBUTARY_<VENUE>_URL, TRIBUTARY_<VENUE>_<ENTRY>_URL, TRIBUTARY_<VENUE>_REST_URL (ENTRY: public, private, business).
Credentials for private streams: TRIBUTARY_<VENUE>_API_KEY, TRIBUTARY_<VENUE>_API_SECRET, TRIBUTARY_<VENUE>_API_PASSPHRASE.
Common: --log-level debug|info|warn|error|silent (default warn; logs go to stderr), --help.
Exit codes: 0 ok, 1 runtime failure, 2 bad usage.`
