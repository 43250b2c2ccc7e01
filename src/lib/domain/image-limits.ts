/** The sizes of stored images: shared by the resizing worker and the screens that describe it. */

/** The profile/card image's longest side and the list thumbnail's (square), in pixels. */
export const IMAGE_MAX = 512;
export const THUMBNAIL_SIZE = 96;
/**
 * Larger files are refused before decoding: a phone photo is a few MB, and a file of hundreds of
 * megapixels would take the worker's memory. Every smaller image is resized, whatever its size.
 */
export const IMAGE_FILE_MAX_BYTES = 30 * 1024 * 1024;
/** The photo on a printed card is 22 mm wide and 28 mm tall (CardFace); stored images share it. */
export const CARD_PHOTO_ASPECT = 22 / 28;
