// Keys that are data belong in a Map: the instance keeps one shape and the Map never normalizes.
class Session {
  constructor(id) {
    this.id = id;
    this.attrs = new Map();
  }

  set(key, value) {
    this.attrs.set(key, value);
  }

  get(key) {
    return this.attrs.get(key);
  }

  unset(key) {
    this.attrs.delete(key);
  }
}

const KEYS = ['theme', 'locale', 'visits', 'token'];

export function create(i) {
  return new Session(i);
}

export function later(session, i) {
  session.set(KEYS[0], 'dark');
  session.set(KEYS[1], 'en');
  session.set(KEYS[2], i & 255);
  session.set(KEYS[3], 'abc');
  session.unset(KEYS[0]);
}

export function read(session) {
  return session.get(KEYS[2]);
}

export function write(session, value) {
  session.set(KEYS[2], value);
}

// The bag whose hidden class matters, found without naming the field: only the class's own methods
// name it, as in a program where the bag is the class's business.
export function shapeOf(session) {
  return Object.values(session).find((value) => typeof value === 'object');
}
