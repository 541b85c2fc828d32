/** Alert receivers on loopback, shaped as Slack's, a webhook's and PagerDuty's: each records what reached it. */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { listen } from './servers.ts'

export interface Received {
  at: number
  headers: IncomingHttpHeaders
  body: string
  json: Record<string, unknown>
}

/** A receiver answering `status()` (200 by default; a function so a test can take it down and bring it back). */
export async function startReceiver(status: () => number = () => 200) {
  const received: Received[] = []
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const answer = status()
    if (answer < 300) {
      let json: Record<string, unknown> = {}
      try {
        json = JSON.parse(body) as Record<string, unknown>
      } catch {
        // recorded as sent, shape checked by the test
      }
      received.push({ at: Date.now(), headers: req.headers, body, json })
    }
    res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'down for now')
  })
  const url = await listen(server)
  return { url, received, server }
}
