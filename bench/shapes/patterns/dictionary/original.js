// A per-instance plain object used as a dictionary (keys are data): the computed `delete`
// sends each instance's `attrs` to dictionary mode, Python's per-instance __dict__.
class Session {
  constructor(id) {
    this.id = id;
    this.attrs = {};
  }

  set(key, value) {
    this.attrs[key] = value;
  }

  get(key) {
    return this.attrs[key];
  }

  unset(key) {
    delete this.attrs[key];
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
