/**
 * The SendGrid proxy: /v3/* for whoever is signed in (changes for admins only), and /proxy/status for everyone.
 * A change is journalled before it is forwarded: if its entry cannot be written, it is not sent.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { outcomeOf } from '../../src/shared/activity.ts'
import { STATUS_PATH } from '../../src/shared/dashboard-api.ts'
import { MESSAGES, REFUSAL_CODES } from '../../src/shared/messages.ts'
import { requireAdminToChange, requireUser } from '../guards.ts'
import { sessionStatus } from '../identity.ts'
import type { Journal } from '../journal.ts'
import { refuse, sendAnswer } from '../replies.ts'
import { incidentOf } from '../../src/shared/alert-api.ts'
import { MAX_BODY_BYTES, statusOnlyRead, type Forwarder } from '../sendgrid-proxy.ts'

interface ProxyOptions {
  forwarder: Forwarder
  journal: Journal
}

export const proxyPlugin: FastifyPluginAsync<ProxyOptions> = async (app, { forwarder, journal }) => {
  // Who is asking and what the server holds: the app asks this before anyone has signed in.
  app.get(STATUS_PATH, async (request, reply) => reply.send(forwarder.status(sessionStatus(request.who))))
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: STATUS_PATH,
    handler: (request, reply) => sendAnswer(reply, statusOnlyRead(request.method)),
  })

  await app.register(async (calls) => {
    calls.addHook('onRequest', requireUser)
    calls.addHook('onRequest', requireAdminToChange)
    // The forwarder takes the raw bytes and checks them itself; no parser here decides what a body means.
    calls.removeAllContentTypeParsers()
    calls.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) =>
      done(null, body),
    )

    async function handler(request: FastifyRequest, reply: FastifyReply) {
      const prepared = forwarder.prepare({
        method: request.method,
        target: request.raw.url ?? '/',
        headers: request.headers,
        ...(Buffer.isBuffer(request.body) ? { body: request.body } : {}),
      })
      if (!('call' in prepared)) return sendAnswer(reply, prepared)
      const { change } = prepared.call
      if (!change) return sendAnswer(reply, await forwarder.forward(prepared))

      const user = request.who.user ?? 'unknown'
      let entry
      try {
        // A fix made from an alert names its incident, so the journal ties the two together.
        const incident = incidentOf(request.headers)
        entry = await journal.begin(user, incident ? { ...change, incident } : change)
      } catch (error) {
        request.log.error({ msg: 'journal unwritable', err: error })
        return refuse(reply, 503, MESSAGES.journalUnwritable, REFUSAL_CODES.journalUnwritable)
      }
      const answer = await forwarder.forward(prepared)
      if (answer.unanswered) {
        // Sent, perhaps done: the entry stays without an outcome, which reads as "outcome unknown".
        request.log.warn({ msg: 'change unanswered', ...entry })
        return sendAnswer(reply, answer)
      }
      const outcome = outcomeOf(answer.status, answer.body)
      try {
        await journal.complete(entry.id, outcome)
        request.log.info({ msg: 'change', ...entry, ...outcome })
      } catch (error) {
        // SendGrid has answered: the user is told what it said; the entry reads as "outcome unknown".
        request.log.error({ msg: 'journal outcome unwritable', id: entry.id, err: error })
      }
      return sendAnswer(reply, answer)
    }
    calls.all('/v3', handler)
    calls.all('/v3/*', handler)
  })
}
