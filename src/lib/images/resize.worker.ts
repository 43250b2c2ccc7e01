/// <reference lib="webworker" />
import { expose } from 'comlink';
import { resizeImageFile } from './resize-core';

const api = { resize: resizeImageFile };
export type ResizeWorkerApi = typeof api;

expose(api);
