import type { FastifyReply } from 'fastify'
import type { ErrorBody, RefusalCode } from '../src/shared/messages.ts'

/** A refusal in SendGrid's error shape, which the app reads for every call, with a code where the app acts on it. */
export function refuse(reply: FastifyReply, status: number, message: string, code?: RefusalCode): FastifyReply {
  const body: ErrorBody = { errors: [{ field: null, message }], ...(code ? { code } : {}) }
  return reply.code(status).header('cache-control', 'no-store').type('application/json').send(body)
}
