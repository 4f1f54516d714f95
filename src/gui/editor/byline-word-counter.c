/* byline-word-counter.c
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-word-counter"

#include "config.h"

#include "byline-word-counter.h"

/*
 * The status line's counts of the whole article, taken off the main thread: a snapshot of the
 * text mirror is counted in a worker (a 5 MB article takes tens of milliseconds), the latest text
 * winning. Counts are not needed at the pace of keystrokes, so a change is counted once the
 * writer pauses, or a second after the first change not yet counted while they type on: the
 * snapshot, the count and the status line's new width stay out of the keystroke's way. The
 * selection, usually small, is counted by the view itself.
 */

/* Quiet time after a change before it is counted. */
#define PAUSE_US (250 * G_TIME_SPAN_MILLISECOND)
/* The longest a change waits while the writer keeps typing. */
#define MAX_WAIT_US (G_TIME_SPAN_SECOND)

struct _BylineWordCounter
{
  GObject           parent_instance;

  BylineTextMirror *mirror;
  GCancellable     *cancellable;
  BylineTextStats   stats;
  /* The first change not yet counted, and the latest change. */
  gint64            first_change;
  gint64            last_change;
  guint             source;

  guint             counting : 1;
  guint             dirty : 1;
  guint             has_stats : 1;
};

G_DEFINE_FINAL_TYPE (BylineWordCounter, byline_word_counter, G_TYPE_OBJECT)

enum {
  COUNTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (BylineWordCounter *self);

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GBytes *text = task_data;
  BylineTextStats *stats = g_new (BylineTextStats, 1);
  gsize len;
  const char *data = g_bytes_get_data (text, &len);

  byline_text_stats_count_body (data, len, stats);
  g_task_return_pointer (task, stats, g_free);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylineWordCounter) self = user_data;
  g_autofree BylineTextStats *stats = g_task_propagate_pointer (G_TASK (result), NULL);

  self->counting = FALSE;
  if (stats == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->stats = *stats;
  self->has_stats = TRUE;
  g_signal_emit (self, signals[COUNTED], 0);

  if (self->dirty)
    schedule (self);
}

/* When the text as it is now should be counted. */
static gint64
due_time (BylineWordCounter *self)
{
  /* The first count, when the article opens, is shown at once. */
  if (!self->has_stats)
    return 0;

  return MIN (self->last_change + PAUSE_US, self->first_change + MAX_WAIT_US);
}

static gboolean
count_now (gpointer data)
{
  BylineWordCounter *self = data;
  g_autoptr(GTask) task = NULL;

  self->source = 0;
  if (due_time (self) > g_get_monotonic_time ())
    {
      /* The writer typed on since this was scheduled. */
      schedule (self);
      return G_SOURCE_REMOVE;
    }

  self->dirty = FALSE;
  self->counting = TRUE;

  task = g_task_new (NULL, self->cancellable, counted_cb, g_object_ref (self));
  g_task_set_source_tag (task, count_now);
  g_task_set_task_data (task, byline_text_mirror_dup_bytes (self->mirror),
                        (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, count_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule (BylineWordCounter *self)
{
  gint64 wait;

  if (self->counting || self->source != 0)
    return;

  wait = due_time (self) - g_get_monotonic_time ();
  if (wait <= 0)
    self->source = g_idle_add_full (G_PRIORITY_LOW, count_now, self, NULL);
  else
    self->source = g_timeout_add_full (G_PRIORITY_LOW, wait / 1000 + 1, count_now, self, NULL);
}

static void
byline_word_counter_dispose (GObject *object)
{
  BylineWordCounter *self = BYLINE_WORD_COUNTER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_object (&self->mirror);

  G_OBJECT_CLASS (byline_word_counter_parent_class)->dispose (object);
}

static void
byline_word_counter_finalize (GObject *object)
{
  BylineWordCounter *self = BYLINE_WORD_COUNTER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_word_counter_parent_class)->finalize (object);
}

static void
byline_word_counter_class_init (BylineWordCounterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_word_counter_dispose;
  object_class->finalize = byline_word_counter_finalize;

  /**
   * BylineWordCounter::counted:
   *
   * New counts are available from byline_word_counter_get_stats().
   */
  signals[COUNTED] = g_signal_new ("counted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
byline_word_counter_init (BylineWordCounter *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * byline_word_counter_new:
 * @mirror: the text to count
 *
 * Returns: (transfer full): a counter; call byline_word_counter_queue() when the text changes
 */
BylineWordCounter *
byline_word_counter_new (BylineTextMirror *mirror)
{
  BylineWordCounter *self;

  g_return_val_if_fail (BYLINE_IS_TEXT_MIRROR (mirror), NULL);

  self = g_object_new (BYLINE_TYPE_WORD_COUNTER, NULL);
  self->mirror = g_object_ref (mirror);
  byline_word_counter_queue (self);

  return self;
}

/**
 * byline_word_counter_queue:
 *
 * The text changed: count it again once the writer pauses.
 */
void
byline_word_counter_queue (BylineWordCounter *self)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (BYLINE_IS_WORD_COUNTER (self));

  if (!self->dirty)
    self->first_change = now;
  self->last_change = now;
  self->dirty = TRUE;
  schedule (self);
}

/**
 * byline_word_counter_get_stats:
 * @stats: (out): the latest counts
 *
 * Returns: whether the text was counted yet
 */
gboolean
byline_word_counter_get_stats (BylineWordCounter *self,
                               BylineTextStats   *stats)
{
  g_return_val_if_fail (BYLINE_IS_WORD_COUNTER (self), FALSE);

  *stats = self->stats;

  return self->has_stats;
}
