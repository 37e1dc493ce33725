declare const KD_VERSION: string | undefined;

/** kd's version, baked in at build time. */
export const VERSION: string = typeof KD_VERSION === 'string' ? KD_VERSION : '0.0.0-dev';
