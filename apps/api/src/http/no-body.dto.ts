/**
 * The body of an action that takes none (`/void`, `/resume`): empty or `{}`. With the validation pipe's
 * `forbidNonWhitelisted`, any field is 422, so a client that sends options the route does not have learns
 * it instead of having them ignored.
 */
export class NoBodyDto {}
