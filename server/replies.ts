import type { FastifyReply } from 'fastify'
import { errorBody, type RefusalCode } from '../src/shared/messages.ts'
import type { Answer } from './sendgrid-proxy.ts'

/** A refusal in SendGrid's error shape, which the app reads for every call, with a code where the app acts on it. */
export function refuse(reply: FastifyReply, status: number, message: string, code?: RefusalCode): FastifyReply {
  return reply.code(status).type('application/json').send(errorBody(message, code))
}

/** SendGrid's answer (or the proxy's refusal in its place), as the browser may have it. */
export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).send(answer.body)
}
