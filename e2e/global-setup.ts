/**
 * Builds the demo and live bundles, starts every server the tests need, and returns the teardown that stops each
 * by the PID recorded here. Server output goes to e2e-logs/ (Prism's is read by the contract tests).
 */
import { execFileSync, spawn } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { CONTRACT_SPEC, SERVERS, TEAM, WEBHOOK_SIGNING_KEY, type ServerSpec } from './servers'
import { writeContractSpec } from './servers/contract-spec'

export const LOG_DIR = resolve('e2e-logs')

function build(args: string[]) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', ...args], { stdio: 'inherit' })
}

async function waitUntilUp(spec: ServerSpec, pid: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0)
    } catch {
      throw new Error(`${spec.name} exited before it was up; see ${LOG_DIR}/${spec.name}.log`)
    }
    try {
      await fetch(spec.readyUrl, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      await new Promise((done) => setTimeout(done, 250))
    }
  }
  throw new Error(`${spec.name} did not answer at ${spec.readyUrl} within ${timeoutMs / 1000} s`)
}

function stop(pids: number[]) {
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGTERM') // the whole group: npx and the server it started
    } catch {
      // already gone
    }
  }
}

/** The team server's database on the tests' PostgreSQL, empty for each run; none without TEST_DATABASE_URL. */
async function freshTeamDatabase() {
  if (!process.env.TEST_DATABASE_URL) return
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  await client.connect()
  await client.query(`drop database if exists ${TEAM.database} with (force)`)
  await client.query(`create database ${TEAM.database}`)
  await client.end()
}

export default async function globalSetup() {
  build(['--mode', 'demo', '--outDir', 'dist-demo'])
  build([])
  execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' }) // the server, run with plain node
  mkdirSync(LOG_DIR, { recursive: true })
  rmSync(TEAM.dataDir, { recursive: true, force: true }) // each run starts with empty journals
  await freshTeamDatabase()
  writeContractSpec(CONTRACT_SPEC)
  const webhook = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  writeFileSync(WEBHOOK_SIGNING_KEY, webhook.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 })
  const webhookPublicKey = webhook.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')

  // A server left over from another run would answer in place of the build under test.
  for (const spec of SERVERS) {
    const taken = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    )
    if (taken) throw new Error(`Something already answers at ${spec.readyUrl}; stop it before running the tests.`)
  }

  const pids: number[] = []
  // Stopped however the run ends: done, failed, or interrupted.
  process.on('exit', () => stop(pids))
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      stop(pids)
      process.exit(1)
    })
  try {
    for (const spec of SERVERS) {
      const log = openSync(resolve(LOG_DIR, `${spec.name}.log`), 'w')
      const child = spawn(spec.command, spec.args, {
        // The live server takes signed Event Webhook batches, checked with the key made above.
        env: {
          ...process.env,
          ...spec.env,
          ...(spec.name === 'live' ? { SENDGRID_WEBHOOK_PUBLIC_KEY: webhookPublicKey } : {}),
        },
        stdio: ['ignore', log, log],
        detached: true, // its own process group, so stopping it stops its children too
      })
      pids.push(child.pid!)
    }
    await Promise.all(SERVERS.map((spec, i) => waitUntilUp(spec, pids[i]!)))
  } catch (error) {
    stop(pids)
    throw error
  }
  process.env.PRISM_LOG = resolve(LOG_DIR, 'prism.log')
  return () => stop(pids)
}
