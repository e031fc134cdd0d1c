import type { z } from 'zod'
import { userContract } from './user'
import { rankingContract } from './ranking'
import { reportContract } from './report'
import { volunteerContract } from './volunteer'
import { open311Contract } from './open311'
import { pointsContract } from './points'
import { campaignContract } from './campaign'

/** Every cloud function and its actions: the one declaration the app and the cloud layer share. */
export const contract = {
  user: userContract,
  report: reportContract,
  volunteer: volunteerContract,
  ranking: { ...rankingContract, ...campaignContract },
  open311: open311Contract,
  points: pointsContract
}

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
export type InputOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends {
  input: infer S extends z.ZodType
}
  ? z.input<S>
  : never
export type ParsedInputOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends {
  input: infer S extends z.ZodType
}
  ? z.output<S>
  : never
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends {
  result: infer R
}
  ? R
  : never

export const FUNCTION_NAMES = Object.keys(contract) as FunctionName[]
