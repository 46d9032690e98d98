// kubectl describe printers: pure functions, objects in, text out.
export { describeService, formatEndpointSlices } from './service.js';
export { annotationsMultiline, labelsMultiline, tabbed } from './tabbed.js';
