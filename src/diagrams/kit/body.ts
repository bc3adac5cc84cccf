/**
 * An export without its `state`: the host writes the state itself (./element.ts), so a
 * diagram's body, and the build-time export it starts from, leave it out.
 */
export function withoutState<T extends object>(data: T): Omit<T, 'state'> {
  const { state: _state, ...body } = data as T & { state?: unknown };
  return body;
}
