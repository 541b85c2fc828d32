/**
 * The checks a route needs before its handler runs, as Fastify hooks. Each plugin adds the ones its own routes need
 * (encapsulation keeps them there), so whatever reaches a handler has passed that handler's guards, however its
 * path was spelled: nothing here tests a URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { MESSAGES, REFUSAL_CODES } from '../src/shared/messages.ts'
import { isCrossSite } from './cross-site.ts'
import { refuse } from './replies.ts'

/** Someone is signed in (or nobody needs to be). */
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (request.who.user) return
  return request.who.ended
    ? refuse(reply, 401, MESSAGES.sessionEnded, REFUSAL_CODES.sessionEnded)
    : refuse(reply, 401, MESSAGES.signedOut, REFUSAL_CODES.signedOut)
}

/** Reads for everyone signed in; anything else for admins (and the one local user). */
export async function requireAdminToChange(request: FastifyRequest, reply: FastifyReply) {
  if (request.method === 'GET' || request.who.role !== 'viewer') return
  request.log.warn({ msg: 'refused', reason: 'viewer', user: request.who.user, method: request.method })
  return refuse(reply, 403, MESSAGES.viewer, REFUSAL_CODES.viewer)
}

/** Admins only (and the one local user, where nobody signs in); anyone else is told `refusal`. */
export function requireAdmin(refusal: string) {
  return async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
    if (request.who.role === 'admin' || request.who.role === 'local') return
    return refuse(reply, 403, refusal, REFUSAL_CODES.viewer)
  }
}

/** A page on another site may not drive a signed-in browser to act. */
export async function refuseCrossSite(request: FastifyRequest, reply: FastifyReply) {
  if (isCrossSite(request.headers)) return refuse(reply, 403, MESSAGES.crossSite)
}
