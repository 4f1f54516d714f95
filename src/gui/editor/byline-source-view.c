/* byline-source-view.c
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

/*
 * The Markdown source editor: its buffer, spelling, status line, focus mode, typewriter
 * scrolling and font settings. The formatting actions and list editing are in
 * byline-source-view-format.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libspelling.h>

#include "byline-image-inserter.h"
#include "byline-source-view-private.h"
#include "byline-spelling.h"
#include "byline-word-counter.h"
#include "byline-text-stats.h"

/* The whole document's counts are refreshed at most this often while typing. */

/* How much of the text colour the paragraphs around the current one keep in focus mode. */
#define FOCUS_DIM_ALPHA 0.35

/* One style sheet per display carries the custom editor font for every view. */
static GtkCssProvider *font_provider;

struct _BylineSourceView
{
  GtkSourceView  parent_instance;

  GtkTextBuffer *buffer;
  GSettings     *settings;
  BylineSpelling *spelling;
  GMenu         *extra_menu;
  GtkTextTag    *dim_tag;
  BylineWordCounter *counter;
  char          *status_text;
  guint          status_source;
  guint          cursor_source;
};

G_DEFINE_FINAL_TYPE (BylineSourceView, byline_source_view, GTK_SOURCE_TYPE_VIEW)

enum {
  PROP_0,
  PROP_STATUS_TEXT,
  PROP_SUGGEST_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The status line: words, characters and reading time of the selection, or of the article's
 * body as the word counter last counted it in its worker. */
static gboolean
update_status_cb (gpointer data)
{
  BylineSourceView *self = data;
  g_autofree char *words = NULL;
  g_autofree char *characters = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *status = NULL;
  BylineTextStats stats;
  GtkTextIter start, end;
  gboolean selection;

  self->status_source = 0;
  if (self->buffer == NULL)
    return G_SOURCE_REMOVE;

  selection = gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end);
  if (selection)
    {
      g_autofree char *text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);

      byline_text_stats_count (text, -1, &stats);
    }
  else if (self->counter == NULL || !byline_word_counter_get_stats (self->counter, &stats))
    return G_SOURCE_REMOVE;

  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GUINT64_FORMAT " word",
                                        "%" G_GUINT64_FORMAT " words", stats.words),
                           stats.words);
  characters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GUINT64_FORMAT " character",
                                             "%" G_GUINT64_FORMAT " characters",
                                             stats.characters),
                                stats.characters);
  minutes = g_strdup_printf (_("%" G_GUINT64_FORMAT " min read"),
                             byline_text_stats_reading_time (stats.words));
  if (selection)
    /* Translators: the counts of the selected text: words, characters, reading time */
    status = g_strdup_printf (_("Selection: %s · %s · %s"), words, characters, minutes);
  else
    status = g_strdup_printf ("%s · %s · %s", words, characters, minutes);

  /* Vim's command bar before the counts. */
  {
    g_autofree char *vim = _byline_source_view_vim_dup_status (GTK_WIDGET (self));

    if (vim != NULL && *vim != '\0')
      {
        char *with_vim = g_strdup_printf ("%s    %s", vim, status);

        g_free (status);
        status = with_vim;
      }
  }

  if (g_strcmp0 (status, self->status_text) != 0)
    {
      g_free (self->status_text);
      self->status_text = g_steal_pointer (&status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
    }

  return G_SOURCE_REMOVE;
}

static void
queue_status_update (BylineSourceView *self)
{
  if (self->status_source == 0)
    self->status_source = g_idle_add_full (G_PRIORITY_LOW, update_status_cb, self, NULL);
}

void
_byline_source_view_queue_status (GtkWidget *widget)
{
  queue_status_update (BYLINE_SOURCE_VIEW (widget));
}

/* Focus mode dims everything but the paragraph holding the cursor: the run of non-blank lines
 * around it. */
static void
update_focus (BylineSourceView *self)
{
  GtkTextIter start, end, para_start, para_end;
  GdkRGBA color;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);

  if (!g_settings_get_boolean (self->settings, "focus-mode"))
    {
      if (self->dim_tag != NULL)
        gtk_text_buffer_remove_tag (self->buffer, self->dim_tag, &start, &end);
      return;
    }

  gtk_widget_get_color (GTK_WIDGET (self), &color);
  color.alpha *= FOCUS_DIM_ALPHA;
  if (self->dim_tag == NULL || gtk_text_tag_get_priority (self->dim_tag) < 0)
    self->dim_tag = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  g_object_set (self->dim_tag, "foreground-rgba", &color, NULL);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &para_start, gtk_text_buffer_get_insert (self->buffer));
  gtk_text_iter_set_line_offset (&para_start, 0);
  para_end = para_start;

  while (gtk_text_iter_get_line (&para_start) > 0)
    {
      GtkTextIter prev = para_start;
      g_autofree char *text = NULL;
      GtkTextIter prev_end;

      gtk_text_iter_backward_line (&prev);
      prev_end = prev;
      if (!gtk_text_iter_ends_line (&prev_end))
        gtk_text_iter_forward_to_line_end (&prev_end);
      text = gtk_text_iter_get_slice (&prev, &prev_end);
      if (_byline_source_view_is_blank (text))
        break;
      para_start = prev;
    }
  for (;;)
    {
      GtkTextIter line_end = para_end;
      GtkTextIter next;
      g_autofree char *text = NULL;

      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      next = line_end;
      if (!gtk_text_iter_forward_line (&next))
        {
          para_end = line_end;
          break;
        }
      {
        GtkTextIter next_end = next;

        if (!gtk_text_iter_ends_line (&next_end))
          gtk_text_iter_forward_to_line_end (&next_end);
        text = gtk_text_iter_get_slice (&next, &next_end);
      }
      if (_byline_source_view_is_blank (text))
        {
          para_end = line_end;
          break;
        }
      para_end = next;
    }

  gtk_text_buffer_remove_tag (self->buffer, self->dim_tag, &para_start, &para_end);
  gtk_text_buffer_apply_tag (self->buffer, self->dim_tag, &start, &para_start);
  gtk_text_buffer_apply_tag (self->buffer, self->dim_tag, &para_end, &end);
}

static gboolean
cursor_moved_cb (gpointer data)
{
  BylineSourceView *self = data;

  self->cursor_source = 0;
  if (self->buffer == NULL)
    return G_SOURCE_REMOVE;

  update_focus (self);

  /* Typewriter scrolling keeps the cursor line in the middle of the view. */
  if (g_settings_get_boolean (self->settings, "typewriter-scrolling"))
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), gtk_text_buffer_get_insert (self->buffer),
                                  0.0, TRUE, 0.0, 0.5);

  return G_SOURCE_REMOVE;
}

static void
queue_cursor_update (BylineSourceView *self)
{
  if (self->cursor_source == 0)
    self->cursor_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE + 1,
                                           cursor_moved_cb, self, NULL);
}

/* A relayout (a new font, lines validated later) or a view of another height (a bar shown
 * above it, the window resized) moves the cursor line; typewriter scrolling puts it back in
 * the middle. */
static void
layout_changed_cb (BylineSourceView *self)
{
  if (g_settings_get_boolean (self->settings, "typewriter-scrolling"))
    queue_cursor_update (self);
}

static void
vadjustment_changed_cb (BylineSourceView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));

  if (adjustment == NULL)
    return;

  g_signal_connect_object (adjustment, "notify::upper",
                           G_CALLBACK (layout_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "notify::page-size",
                           G_CALLBACK (layout_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
buffer_changed_cb (BylineSourceView *self)
{
  if (self->counter != NULL)
    byline_word_counter_queue (self->counter);
  queue_status_update (self);
  queue_cursor_update (self);
}

static void
mark_set_cb (BylineSourceView *self,
             GtkTextIter      *location,
             GtkTextMark      *mark)
{
  if (mark == gtk_text_buffer_get_insert (self->buffer))
    queue_cursor_update (self);
  if (mark == gtk_text_buffer_get_insert (self->buffer)
      || mark == gtk_text_buffer_get_selection_bound (self->buffer))
    queue_status_update (self);
}

static void
wrap_text_changed_cb (BylineSourceView *self)
{
  gboolean wrap = g_settings_get_boolean (self->settings, "wrap-text");
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), wrap ? GTK_WRAP_WORD_CHAR : GTK_WRAP_NONE);
  if (GTK_IS_SCROLLED_WINDOW (parent))
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (parent),
                                    wrap ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_AUTOMATIC);
}

static void
font_changed_cb (BylineSourceView *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "custom-font");
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_autoptr(GString) css = g_string_new (".byline-custom-font {");
  PangoFontMask fields = pango_font_description_get_set_fields (desc);
  gboolean custom = !g_settings_get_boolean (self->settings, "use-system-font");

  if (font_provider == NULL)
    {
      font_provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (font_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  if (fields & PANGO_FONT_MASK_FAMILY)
    g_string_append_printf (css, " font-family: \"%s\";", pango_font_description_get_family (desc));
  if (fields & PANGO_FONT_MASK_SIZE)
    {
      char size[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (size, sizeof size, pango_font_description_get_size (desc) / (double) PANGO_SCALE);
      g_string_append_printf (css, " font-size: %s%s;", size,
                              pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
    }
  if (fields & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, " font-weight: %d;", pango_font_description_get_weight (desc));
  if (fields & PANGO_FONT_MASK_STYLE)
    g_string_append (css, pango_font_description_get_style (desc) == PANGO_STYLE_NORMAL
                          ? " font-style: normal;" : " font-style: italic;");
  g_string_append (css, " }");
  gtk_css_provider_load_from_string (font_provider, css->str);

  if (custom)
    gtk_widget_add_css_class (GTK_WIDGET (self), "byline-custom-font");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "byline-custom-font");
}

/* Spell checking: the document's checker, its suggestions and languages in the view's
 * context menu. */
/* A right click puts the cursor on the clicked word (unless it falls in the selection) and
 * looks up its suggestions, before the text view opens the context menu. */
static void
secondary_pressed_cb (BylineSourceView *self,
                      int               n_press,
                      double            x,
                      double            y,
                      GtkGestureClick  *gesture)
{
  GtkTextIter iter, start, end;
  int bx, by;

  if (self->spelling == NULL || self->buffer == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by);
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end) ||
      !gtk_text_iter_in_range (&iter, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);

  byline_spelling_update_corrections (self->spelling);
}

/* The context menu from the keyboard: its suggestions are for the word at the cursor. */
static gboolean
menu_key_pressed_cb (BylineSourceView      *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if ((keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && mods == GDK_SHIFT_MASK)) &&
      self->spelling != NULL)
    byline_spelling_update_corrections (self->spelling);

  return GDK_EVENT_PROPAGATE;
}

static void
setup_spelling (BylineSourceView *self)
{
  if (self->spelling != NULL)
    {
      g_menu_remove_all (self->extra_menu);
      g_clear_object (&self->spelling);
    }

  if (self->settings == NULL || !GTK_SOURCE_IS_BUFFER (self->buffer))
    return;

  self->spelling = byline_spelling_new (GTK_SOURCE_BUFFER (self->buffer));
  g_menu_append_section (self->extra_menu, NULL,
                         spelling_text_buffer_adapter_get_menu_model (byline_spelling_get_adapter (self->spelling)));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "spelling",
                                  G_ACTION_GROUP (byline_spelling_get_adapter (self->spelling)));
}

static void
notify_buffer_cb (BylineSourceView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  if (self->buffer == buffer)
    return;

  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_set_object (&self->buffer, buffer);
  if (buffer != NULL)
    {
      self->dim_tag = NULL;
      g_signal_connect_swapped (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
      g_signal_connect_swapped (buffer, "mark-set", G_CALLBACK (mark_set_cb), self);
      queue_status_update (self);
      queue_cursor_update (self);
    }

  /* Spell checking loads a dictionary: only for the buffer the view has once it is in a
   * window, not for the empty one it is made with and replaced in the page's set up. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    setup_spelling (self);
}

static void
byline_source_view_dispose (GObject *object)
{
  BylineSourceView *self = BYLINE_SOURCE_VIEW (object);

  g_clear_handle_id (&self->status_source, g_source_remove);
  g_clear_handle_id (&self->cursor_source, g_source_remove);
  g_clear_object (&self->spelling);
  if (self->counter != NULL)
    g_signal_handlers_disconnect_by_data (self->counter, self);
  g_clear_object (&self->counter);
  g_clear_object (&self->extra_menu);
  g_clear_object (&self->settings);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (byline_source_view_parent_class)->dispose (object);
}

static void
byline_source_view_finalize (GObject *object)
{
  BylineSourceView *self = BYLINE_SOURCE_VIEW (object);

  g_free (self->status_text);

  G_OBJECT_CLASS (byline_source_view_parent_class)->finalize (object);
}

static void
byline_source_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineSourceView *self = BYLINE_SOURCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;

    case PROP_SUGGEST_MODE:
      g_value_set_boolean (value, _byline_source_view_review_get_suggesting (GTK_WIDGET (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_source_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineSourceView *self = BYLINE_SOURCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SUGGEST_MODE:
      if (_byline_source_view_review_set_suggesting (GTK_WIDGET (self), g_value_get_boolean (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_source_view_root (GtkWidget *widget)
{
  BylineSourceView *self = BYLINE_SOURCE_VIEW (widget);

  GTK_WIDGET_CLASS (byline_source_view_parent_class)->root (widget);

  /* The scrolled window around the view only exists from here on. */
  wrap_text_changed_cb (self);

  if (self->spelling == NULL)
    setup_spelling (self);
}

static void
byline_source_view_class_init (BylineSourceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  spelling_init ();

  object_class->dispose = byline_source_view_dispose;
  object_class->finalize = byline_source_view_finalize;
  object_class->get_property = byline_source_view_get_property;
  object_class->set_property = byline_source_view_set_property;

  widget_class->root = byline_source_view_root;

  /**
   * BylineSourceView:status-text:
   *
   * Words, characters and reading time of the selection or the whole document, for the
   * status line.
   */
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BylineSourceView:suggest-mode:
   *
   * Whether typing and deleting in the article's body write suggestions (CriticMarkup)
   * instead of changing the text, signed with the name in the author-name setting.
   */
  properties[PROP_SUGGEST_MODE] =
    g_param_spec_boolean ("suggest-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _byline_source_view_format_class_init (widget_class);
  _byline_source_view_review_class_init (widget_class);
}

static void
byline_source_view_init (BylineSourceView *self)
{
  _byline_source_view_format_init (self);
  _byline_source_view_review_init (GTK_WIDGET (self));
  _byline_source_view_marks_init (GTK_WIDGET (self));

  {
    GtkGesture *secondary = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (secondary), GTK_PHASE_CAPTURE);
    g_signal_connect_object (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  }

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (menu_key_pressed_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  self->settings = g_settings_new (BASE_ID);
  self->extra_menu = g_menu_new ();
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self), G_MENU_MODEL (self->extra_menu));

  g_signal_connect (self, "notify::buffer", G_CALLBACK (notify_buffer_cb), NULL);
  notify_buffer_cb (self);

  g_settings_bind (self->settings, "show-line-numbers", self, "show-line-numbers",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::wrap-text",
                           G_CALLBACK (wrap_text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::use-system-font",
                           G_CALLBACK (font_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::custom-font",
                           G_CALLBACK (font_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::focus-mode",
                           G_CALLBACK (queue_cursor_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::typewriter-scrolling",
                           G_CALLBACK (queue_cursor_update), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::vadjustment", G_CALLBACK (vadjustment_changed_cb), NULL);
  font_changed_cb (self);

  byline_image_inserter_new (GTK_TEXT_VIEW (self));
  _byline_source_view_vim_init (GTK_WIDGET (self));
}

GtkWidget *
byline_source_view_new (void)
{
  return g_object_new (BYLINE_TYPE_SOURCE_VIEW, NULL);
}

const char *
byline_source_view_get_status_text (BylineSourceView *self)
{
  g_return_val_if_fail (BYLINE_IS_SOURCE_VIEW (self), NULL);

  return self->status_text;
}

/**
 * byline_source_view_set_word_counter:
 * @counter: (nullable): counts of the whole article, kept up to date off the main thread
 *
 * Where the status line takes the article's counts from; the view asks it to count again
 * when the text changes.
 */
void
byline_source_view_set_word_counter (BylineSourceView  *self,
                                     BylineWordCounter *counter)
{
  g_return_if_fail (BYLINE_IS_SOURCE_VIEW (self));

  if (self->counter != NULL)
    g_signal_handlers_disconnect_by_data (self->counter, self);
  g_set_object (&self->counter, counter);
  if (counter != NULL)
    g_signal_connect_object (counter, "counted", G_CALLBACK (queue_status_update), self,
                             G_CONNECT_SWAPPED);
  queue_status_update (self);
}

/**
 * byline_source_view_get_spelling_adapter:
 * @self: a #BylineSourceView
 *
 * Returns: (transfer none) (nullable): the spell checker's adapter on the buffer
 */
SpellingTextBufferAdapter *
byline_source_view_get_spelling_adapter (BylineSourceView *self)
{
  g_return_val_if_fail (BYLINE_IS_SOURCE_VIEW (self), NULL);

  return self->spelling != NULL ? byline_spelling_get_adapter (self->spelling) : NULL;
}
