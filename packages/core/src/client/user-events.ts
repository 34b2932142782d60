import { EventEmitter } from 'eventemitter3';
import type { ClientEvents } from '../watch/events.js';

/**
 * The events of one user's pollers: each is emitted here, for that user's client view, and on the
 * client-wide emitter, for the root view. A user view thus hears only of jobs it watches itself.
 */
export class UserEvents extends EventEmitter<ClientEvents> {
  constructor(private readonly clientWide: EventEmitter<ClientEvents>) {
    super();
  }

  override emit<E extends EventEmitter.EventNames<ClientEvents>>(
    event: E,
    ...args: EventEmitter.EventArgs<ClientEvents, E>
  ): boolean {
    const heard = super.emit(event, ...args);
    return this.clientWide.emit(event, ...args) || heard;
  }
}
