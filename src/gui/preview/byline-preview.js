/* byline-preview.js
 *
 * Copyright 2026 The Byline Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Byline's own preview script. It is injected by the application into an isolated script world
 * named "byline"; the document's own scripts never run (JavaScript markup is off). It keeps the
 * rendered blocks in #byline-article and patches only those that changed, so untouched blocks
 * keep their DOM nodes (images do not reload and the scroll position does not move).
 *
 * The blocks sit in chunks of about CHUNK_SIZE: when one block changes, WebKit lays out and
 * paints by walking the children of its container, and a long article has tens of thousands of
 * blocks. In chunks it walks a few hundred chunks and one chunk's blocks instead (measured on the
 * 5 MB corpus article: the layout after a one-block patch went from about 35 ms to a few).
 * state.blocks lists the blocks in order, for indexing by block number.
 */
'use strict';

(() => {
  const state = {
    remoteImages: false,
    programmaticScrollUntil: 0,
    lastReportedLine: 0,
    scrollTimer: 0,
    blocks: [],
  };

  const CHUNK_SIZE = 64;

  const isRemote = (url) => /^\s*(https?:)?\/\//i.test(url || '');

  const article = () => document.getElementById('byline-article');

  /* A local image that does not load gives way to a placeholder that names it; Byline then
   * asks why it could not be read and puts the reason in words (setImageProblem). */
  function imageFailed(event) {
    const img = event.target;
    const src = img.getAttribute('src') || '';
    const placeholder = document.createElement('span');
    placeholder.className = 'image-placeholder';
    placeholder.dataset.imageSrc = src;
    if (img.classList.contains('cover'))
      placeholder.classList.add('cover');
    placeholder.setAttribute('role', 'img');
    placeholder.setAttribute('aria-label', img.getAttribute('alt') || src);
    placeholder.textContent = src;
    img.replaceWith(placeholder);
    window.webkit.messageHandlers.byline.postMessage({ imageFailed: src });
  }

  function setImageProblem(src, words) {
    for (const el of document.querySelectorAll('.image-placeholder')) {
      if (el.dataset.imageSrc === src)
        el.textContent = words;
    }
  }

  function watchImages(fragment) {
    for (const img of fragment.querySelectorAll('img')) {
      if (!isRemote(img.getAttribute('src')))
        img.addEventListener('error', imageFailed, { once: true });
    }
  }

  /* Remote resources are removed before the block joins the document (a template's content is
   * inert, so nothing has been requested yet) unless the writer allowed them. */
  function sanitize(fragment) {
    /* Elements that could change the page's base, navigate it or embed another document. */
    for (const el of fragment.querySelectorAll('base, meta, link, object, embed, form, frame, frameset, portal'))
      el.remove();
    /* A task list's check box is named by its item's text, for a screen reader. */
    for (const box of fragment.querySelectorAll('li > input[type=checkbox]')) {
      if (!box.hasAttribute('aria-label'))
        box.setAttribute('aria-label', box.parentElement.textContent.trim());
    }
    if (state.remoteImages)
      return;
    for (const el of fragment.querySelectorAll('img, source, video, audio, picture, input[type=image]')) {
      const src = el.getAttribute('src');
      const srcset = el.getAttribute('srcset');
      if (!isRemote(src) && !(srcset && /(https?:)?\/\//i.test(srcset)))
        continue;
      if (el.tagName === 'IMG') {
        const placeholder = document.createElement('span');
        placeholder.className = 'remote-placeholder';
        placeholder.title = src || '';
        placeholder.textContent = el.getAttribute('alt') || src || '';
        placeholder.dataset.remoteSrc = src || '';
        el.replaceWith(placeholder);
      } else {
        el.removeAttribute('src');
        el.removeAttribute('srcset');
      }
    }
    for (const el of fragment.querySelectorAll('[style]')) {
      if (/url\s*\(/i.test(el.getAttribute('style')))
        el.removeAttribute('style');
    }
  }

  function makeBlock(item) {
    const [html, start, end] = item;
    const div = document.createElement('div');
    const template = document.createElement('template');
    div.className = 'block';
    div.dataset.sourcepos = `${start}:1-${end}:1`;
    template.innerHTML = html;
    sanitize(template.content);
    watchImages(template.content);
    div.appendChild(template.content);
    return div;
  }

  function blockLines(el) {
    const m = /^(\d+):\d+-(\d+):\d+$/.exec(el.dataset.sourcepos || '');
    return m ? [Number(m[1]), Number(m[2])] : [0, 0];
  }

  function newChunk() {
    const chunk = document.createElement('div');
    chunk.className = 'chunk';
    return chunk;
  }

  function load(json) {
    const data = JSON.parse(json);
    const fragment = document.createDocumentFragment();
    const blocks = [];
    let chunk = null;
    for (const item of data.blocks) {
      if (blocks.length % CHUNK_SIZE === 0) {
        chunk = newChunk();
        fragment.appendChild(chunk);
      }
      const block = makeBlock(item);
      chunk.appendChild(block);
      blocks.push(block);
    }
    article().replaceChildren(fragment);
    state.blocks = blocks;
    return blocks.length;
  }

  /* Keeps a chunk that a patch changed between empty (removed) and twice its size (split). */
  function rebalance(chunk) {
    if (!chunk.isConnected)
      return;
    const count = chunk.childElementCount;
    if (count === 0) {
      chunk.remove();
      return;
    }
    if (count <= 2 * CHUNK_SIZE)
      return;
    /* Every block past the first CHUNK_SIZE moves to new chunks that follow, in order. */
    const moving = Array.from(chunk.children).slice(CHUNK_SIZE);
    let after = chunk;
    for (let i = 0; i < moving.length; i += CHUNK_SIZE) {
      const next = newChunk();
      next.append(...moving.slice(i, i + CHUNK_SIZE));
      after.after(next);
      after = next;
    }
  }

  /* Applies the operations of a patch in order: each removes blocks at an index and inserts
   * new ones there. */
  function patch(json) {
    const data = JSON.parse(json);
    const root = article();
    const touched = new Set();
    let blocks = state.blocks;

    for (const [at, remove, insert] of data.ops) {
      const before = blocks[at + remove] || null;

      for (let i = at; i < at + remove; i++) {
        touched.add(blocks[i].parentNode);
        blocks[i].remove();
      }

      const inserted = insert.map(makeBlock);
      if (inserted.length > 0) {
        const fragment = document.createDocumentFragment();
        for (const block of inserted)
          fragment.appendChild(block);
        let chunk;
        if (before) {
          chunk = before.parentNode;
          chunk.insertBefore(fragment, before);
        } else {
          chunk = root.lastElementChild || root.appendChild(newChunk());
          chunk.appendChild(fragment);
        }
        touched.add(chunk);
      }

      if (inserted.length === remove) {
        for (let i = 0; i < remove; i++)
          blocks[at + i] = inserted[i];
      } else {
        blocks = blocks.slice(0, at).concat(inserted, blocks.slice(at + remove));
      }
    }
    state.blocks = blocks;

    for (const chunk of touched)
      rebalance(chunk);

    for (const [from, to, delta] of data.lines) {
      for (let i = from; i < to; i++) {
        const block = blocks[i];
        const [s, e] = blockLines(block);
        block.dataset.sourcepos = `${s + delta}:1-${e + delta}:1`;
      }
    }
    return blocks.length;
  }

  /* The block that holds a line, by binary search over the blocks' line ranges. */
  function blockForLine(line) {
    const children = state.blocks;
    let lo = 0, hi = children.length - 1, found = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s] = blockLines(children[mid]);
      if (s <= line) {
        found = children[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found || children[0] || null;
  }

  function scrollToLine(line) {
    const block = blockForLine(line);
    if (!block)
      return false;
    const [s, e] = blockLines(block);
    const fraction = e > s ? Math.min(1, Math.max(0, (line - s) / (e - s + 1))) : 0;
    const rect = block.getBoundingClientRect();
    const target = window.scrollY + rect.top + rect.height * fraction - window.innerHeight * 0.25;
    state.programmaticScrollUntil = Date.now() + 150;
    window.scrollTo({ top: Math.max(0, target), behavior: 'instant' });
    return true;
  }

  /* The last block whose top is at or above @y in the view, or -1. */
  function blockAtView(y) {
    const children = state.blocks;
    let lo = 0, hi = children.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid].getBoundingClientRect().top <= y) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /* The source line at the upper quarter of the view, for preview -> editor sync. */
  function lineAtView() {
    const y = window.innerHeight * 0.25;
    const found = blockAtView(y);
    if (found < 0)
      return 1;
    const block = state.blocks[found];
    const rect = block.getBoundingClientRect();
    const [s, e] = blockLines(block);
    const fraction = rect.height > 0 ? Math.min(1, Math.max(0, (y - rect.top) / rect.height)) : 0;
    return Math.round(s + (e - s) * fraction);
  }

  window.addEventListener('scroll', () => {
    if (Date.now() < state.programmaticScrollUntil)
      return;
    clearTimeout(state.scrollTimer);
    state.scrollTimer = setTimeout(() => {
      const line = lineAtView();
      if (line !== state.lastReportedLine) {
        state.lastReportedLine = line;
        window.webkit.messageHandlers.byline.postMessage({ scrolledToLine: line });
      }
    }, 30);
  }, { passive: true });

  /* In-page links (footnotes) scroll the preview; every other link goes to the application,
   * which opens it in the browser. */
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href]');
    if (!link)
      return;
    const href = link.getAttribute('href');
    if (href.startsWith('#')) {
      event.preventDefault();
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (target) {
        target.scrollIntoView({ block: 'start' });
        /* The focus follows, so that a keyboard user reads on from the footnote (and its
         * back link) rather than from a link scrolled out of view. */
        if (target.tabIndex < 0 && !target.hasAttribute('tabindex'))
          target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
      }
    }
  }, true);

  /* Elements that Tab stops at, in order. */
  function focusables() {
    const selector = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
                     'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    return Array.from(document.querySelectorAll(selector))
      .filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
  }

  /* Tab after the last link and Shift+Tab before the first leave the page for the rest of the
   * window, rather than reaching WebKit's own hidden nodes, where the focus was trapped. */
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey)
      return;
    const active = document.activeElement;
    const inPage = active && active !== document.body && active !== document.documentElement;
    const items = focusables().filter((el) => el !== active);
    const follows = (el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    const before = inPage ? items.filter((el) => !follows(el)).length : 0;
    const after = inPage ? items.length - before : items.length;
    const leave = event.shiftKey ? before === 0 : after === 0;
    if (!leave)
      return;
    event.preventDefault();
    event.stopPropagation();
    window.webkit.messageHandlers.byline.postMessage({ leaveFocus: event.shiftKey ? 'backward' : 'forward' });
  }, true);

  window.byline = {
    load,
    patch,
    scrollToLine,
    lineAtView,
    setRemoteImages(allowed) { state.remoteImages = !!allowed; },
    setImageProblem,
    setDark(dark) { document.documentElement.classList.toggle('dark', !!dark); },
    // The look: a class on the root (the default look has none). The passage in view stays
    // in view, though the type and the column change size.
    setTheme(name) {
      const root = document.documentElement;
      const y = window.innerHeight * 0.25;
      const found = window.scrollY > 0 ? blockAtView(y) : -1;
      const anchor = found >= 0 ? state.blocks[found] : null;
      let fraction = 0;
      if (anchor) {
        const rect = anchor.getBoundingClientRect();
        fraction = rect.height > 0 ? (y - rect.top) / rect.height : 0;
      }
      for (const cls of [...root.classList])
        if (cls.startsWith('theme-'))
          root.classList.remove(cls);
      if (/^[a-z]+$/.test(name) && name !== 'default')
        root.classList.add(`theme-${name}`);
      if (anchor) {
        const rect = anchor.getBoundingClientRect();
        state.programmaticScrollUntil = Date.now() + 150;
        window.scrollTo({ top: Math.max(0, window.scrollY + rect.top + rect.height * fraction - y),
                          behavior: 'instant' });
      }
    },
    text() { return article().innerText; },
  };
})();
