import type { FastifyReply } from 'fastify'
import type { ErrorBody, RefusalCode } from '../src/shared/messages.ts'
import type { Answer } from './sendgrid-proxy.ts'

/** A refusal in SendGrid's error shape, which the app reads for every call, with a code where the app acts on it. */
export function refuse(reply: FastifyReply, status: number, message: string, code?: RefusalCode): FastifyReply {
  const body: ErrorBody = { errors: [{ field: null, message }], ...(code ? { code } : {}) }
  return reply.code(status).header('cache-control', 'no-store').type('application/json').send(body)
}

/** SendGrid's answer (or the proxy's refusal in its place), as the browser may have it. */
export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).header('cache-control', 'no-store').send(answer.body)
}
