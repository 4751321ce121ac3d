/** A permanent failure decided at delivery (bad target, refused write, vanished order): never retried automatically. */
export class FinalFailure extends Error {
  constructor(message: string, readonly httpStatus: number | null) {
    super(message);
    this.name = 'FinalFailure';
  }
}
