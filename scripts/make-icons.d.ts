export declare const SIZES: readonly number[];
/** Straight RGBA pixels, row by row, of the icon at `size` px. */
export declare function draw(size: number): Buffer;
export declare function iconPng(size: number): Buffer;
export declare function encodePng(width: number, height: number, rgba: Buffer): Buffer;
export declare function crc32(buffers: Iterable<Uint8Array>): number;
