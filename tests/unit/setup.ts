// Storage tests run against an in-memory IndexedDB; each test file gets a fresh one.
import 'fake-indexeddb/auto';
