/** Where the `--import` snapshot hook writes; shared by the hook and `fixed-shape snapshot`. */
export const SNAPSHOT_DIR_ENV = 'FIXED_SHAPE_SNAPSHOT_DIR';
