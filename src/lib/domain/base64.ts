/**
 * Bytes as base64 and back, where a photo travels inside a JSON mutation: the browser has no
 * Buffer, and the same text must decode alike in the site worker and on the server.
 */
export function bytesToBase64(bytes: Uint8Array): string {
	let binary = '';
	// In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
	for (let at = 0; at < bytes.length; at += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
	return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
