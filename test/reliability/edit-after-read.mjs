// Preloaded with --import into `fixed-shape migrate`: simulates a user (or an editor, or git) changing a
// file after migrate has read it and before it writes it. After the first read of FIXED_SHAPE_EDIT_PATH,
// the file on disk gets FIXED_SHAPE_EDIT_TEXT appended.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const target = resolve(process.env.FIXED_SHAPE_EDIT_PATH ?? '');
const text = process.env.FIXED_SHAPE_EDIT_TEXT ?? '\n// edited while migrate ran\n';
const { appendFileSync } = fs;
let edited = false;

function afterRead(path) {
  if (edited || typeof path !== 'string' && !(path instanceof URL)) return;
  if (resolve(path instanceof URL ? path.pathname : path) !== target) return;
  edited = true;
  appendFileSync(target, text);
}

const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  const result = readFileSync.call(this, path, ...rest);
  afterRead(path);
  return result;
};
const readFile = fs.promises.readFile;
fs.promises.readFile = async function (path, ...rest) {
  const result = await readFile.call(this, path, ...rest);
  afterRead(path);
  return result;
};
const readFileCallback = fs.readFile;
fs.readFile = function (path, ...rest) {
  const callback = rest.pop();
  return readFileCallback.call(this, path, ...rest, (error, data) => {
    if (!error) afterRead(path);
    callback(error, data);
  });
};
syncBuiltinESMExports();
