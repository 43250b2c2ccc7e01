const NOTIFY_ASKED_KEY = 'roster:notifications-asked';

/**
 * The system notification permission is asked once, when the admin starts an import: the end of
 * an import is announced by a system notification where the admin allowed it.
 */
export function askNotificationPermissionOnce(): void {
	if (!('Notification' in window) || Notification.permission !== 'default') return;
	try {
		if (localStorage.getItem(NOTIFY_ASKED_KEY)) return;
		localStorage.setItem(NOTIFY_ASKED_KEY, String(Date.now()));
	} catch {
		// Storage refused (private mode): asking again next time is harmless.
	}
	// Not awaited: the import does not wait for the admin to answer the browser's prompt.
	void Notification.requestPermission().catch(() => undefined);
}
