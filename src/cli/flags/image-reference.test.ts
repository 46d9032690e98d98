import { describe, expect, it } from 'vitest';
import { isImageReference } from './image-reference.js';

describe('isImageReference', () => {
  it.each([
    ['nginx', true],
    ['nginx:1.27', true],
    ['library/nginx:latest', true],
    ['docker.io/library/nginx', true],
    ['localhost:5000/team/app:v1.2-rc_3', true],
    ['[::1]:5000/app', true],
    ['registry.example.com/a__b/c--d', true],
    [`nginx@sha256:${'a'.repeat(64)}`, true],
    [`nginx:1.27@sha256:${'F'.repeat(64)}`, true],
    ['Nginx', false],
    ['nginx:', false],
    ['nginx:-bad', false],
    ['a/../b', false],
    ['nginx@sha256:abc', false],
    ['-nginx', false],
    ['nginx/', false],
    ['with space', false],
  ])('%s -> %s', (image, want) => {
    expect(isImageReference(image)).toBe(want);
  });
});
