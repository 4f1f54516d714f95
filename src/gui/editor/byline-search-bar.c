/* byline-search-bar.c
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
 * Find and replace above the editor: a GtkSearchBar driving a GtkSourceSearchContext on the
 * view's buffer, with regular expression, case and whole-word toggles. Ctrl+F and Ctrl+H on the
 * view open it; Escape closes it and returns to the text. Its actions (search.*) are what the
 * buttons and keys do.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "byline-search-bar.h"

struct _BylineSearchBar
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel       *count_label;
  GtkCheckButton *regex_button;
  GtkCheckButton *case_button;
  GtkCheckButton *word_button;
  GtkToggleButton *replace_button;
  GtkEntry       *replace_entry;

  /* Owned references */
  GtkSourceView  *view;
  GtkEventController *shortcuts;
  GtkSourceSearchSettings *search_settings;
  GtkSourceSearchContext *search_context;
};

G_DEFINE_FINAL_TYPE (BylineSearchBar, byline_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_count (BylineSearchBar *self)
{
  g_autofree char *text = NULL;
  int count;

  if (self->search_context == NULL
      || gtk_source_search_settings_get_search_text (self->search_settings) == NULL)
    {
      gtk_label_set_label (self->count_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  if (gtk_source_search_context_get_regex_error (self->search_context) != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      gtk_label_set_label (self->count_label, "");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");

  count = gtk_source_search_context_get_occurrences_count (self->search_context);
  if (count < 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);
  gtk_label_set_label (self->count_label, text);
}

static void
select_match (BylineSearchBar   *self,
              const GtkTextIter *start,
              const GtkTextIter *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));

  gtk_text_buffer_select_range (buffer, start, end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                0.1, FALSE, 0.0, 0.0);
}

static gboolean
find_next (BylineSearchBar *self,
           gboolean         backward)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end, match_start, match_end;
  gboolean found;

  if (self->search_context == NULL)
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (backward)
    found = gtk_source_search_context_backward (self->search_context, &start,
                                                &match_start, &match_end, NULL);
  else
    found = gtk_source_search_context_forward (self->search_context, &end,
                                               &match_start, &match_end, NULL);
  if (found)
    select_match (self, &match_start, &match_end);

  return found;
}

static void
search_changed_cb (BylineSearchBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextBuffer *buffer;
  GtkTextIter start, end, match_start, match_end;

  if (self->search_settings == NULL)
    return;

  gtk_source_search_settings_set_search_text (self->search_settings, *text ? text : NULL);
  update_count (self);

  /* Search as you type, from where the selection starts. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (*text != '\0'
      && gtk_source_search_context_forward (self->search_context, &start,
                                            &match_start, &match_end, NULL))
    select_match (self, &match_start, &match_end);
}

static void
search_activate_cb (BylineSearchBar *self)
{
  find_next (self, FALSE);
}

static void
previous_match_cb (BylineSearchBar *self)
{
  find_next (self, TRUE);
}

static void
replace_activate_cb (BylineSearchBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "search.replace", NULL);
}

static void
next_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  find_next (BYLINE_SEARCH_BAR (widget), g_str_equal (action_name, "search.previous"));
}

/* Replaces the selected match, if the selection is one, and moves on to the next. */
static void
replace_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (widget);
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (self->search_context == NULL)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end) > 0
      && !gtk_source_search_context_replace (self->search_context, &start, &end,
                                             replacement, -1, &error))
    {
      g_warning ("Could not replace: %s", error->message);
      return;
    }

  find_next (self, FALSE);
}

static void
replace_all_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (widget);
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  g_autoptr(GError) error = NULL;

  if (self->search_context == NULL)
    return;

  if (!gtk_source_search_context_replace_all (self->search_context, replacement, -1, &error))
    g_warning ("Could not replace: %s", error->message);
}

/* Opens the bar with the selected text, if it fits on one line, as the search. */
static void
find_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (widget);
  GtkTextIter start, end;

  if (self->view == NULL)
    return;

  if (gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)),
                                            &start, &end)
      && gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *text = gtk_text_iter_get_text (&start, &end);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }

  gtk_toggle_button_set_active (self->replace_button, g_str_equal (action_name, "search.find-replace"));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
close_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  gtk_search_bar_set_search_mode (BYLINE_SEARCH_BAR (widget)->search_bar, FALSE);
}

static void
search_mode_changed_cb (BylineSearchBar *self)
{
  gboolean active = gtk_search_bar_get_search_mode (self->search_bar);

  if (self->search_context != NULL)
    gtk_source_search_context_set_highlight (self->search_context, active);

  /* Escape or the close button: back to the text. */
  if (!active && self->view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
shortcut_cb (GtkWidget *view,
             GVariant  *args,
             gpointer   user_data)
{
  BylineSearchBar *self = user_data;

  return gtk_widget_activate_action (GTK_WIDGET (self), g_variant_get_string (args, NULL), NULL);
}

/* Escape in the text closes the bar while it is open, as in GNOME Text Editor; otherwise it
 * goes on to whatever else wants it. */
static gboolean
escape_cb (GtkWidget *view,
           GVariant  *args,
           gpointer   user_data)
{
  BylineSearchBar *self = user_data;

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  return TRUE;
}

static void
clear_search_context (BylineSearchBar *self)
{
  if (self->search_context != NULL)
    g_signal_handlers_disconnect_by_data (self->search_context, self);
  g_clear_object (&self->search_context);
}

/* The page gives the view its document's buffer after building it: the search follows. */
static void
notify_buffer_cb (BylineSearchBar *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));

  clear_search_context (self);
  if (!GTK_SOURCE_IS_BUFFER (buffer))
    return;

  self->search_context = gtk_source_search_context_new (GTK_SOURCE_BUFFER (buffer),
                                                        self->search_settings);
  gtk_source_search_context_set_highlight (self->search_context,
                                           gtk_search_bar_get_search_mode (self->search_bar));
  g_signal_connect_swapped (self->search_context, "notify::occurrences-count",
                            G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->search_context, "notify::regex-error",
                            G_CALLBACK (update_count), self);
  update_count (self);
}

static void
detach_view (BylineSearchBar *self)
{
  clear_search_context (self);
  g_clear_object (&self->search_settings);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  if (self->view != NULL && self->shortcuts != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->view), self->shortcuts);
  self->shortcuts = NULL;
  g_clear_object (&self->view);
}

/**
 * byline_search_bar_set_view:
 * @self: a #BylineSearchBar
 * @view: (nullable): the view to search in
 *
 * Searches @view's buffer, and adds Ctrl+F and Ctrl+H to @view to open the bar.
 */
void
byline_search_bar_set_view (BylineSearchBar *self,
                            GtkSourceView   *view)
{
  GtkShortcutController *controller;
  struct {
    guint key;
    const char *action;
  } keys[] = {
    { GDK_KEY_f, "search.find" },
    { GDK_KEY_h, "search.find-replace" },
  };

  g_return_if_fail (BYLINE_IS_SEARCH_BAR (self));
  g_return_if_fail (view == NULL || GTK_SOURCE_IS_VIEW (view));

  if (self->view == view)
    return;

  detach_view (self);
  if (view == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
      return;
    }

  self->view = g_object_ref (view);

  self->search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->search_settings, TRUE);
  g_object_bind_property (self->regex_button, "active", self->search_settings, "regex-enabled",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->case_button, "active", self->search_settings, "case-sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->word_button, "active", self->search_settings,
                          "at-word-boundaries", G_BINDING_SYNC_CREATE);

  g_signal_connect_swapped (view, "notify::buffer", G_CALLBACK (notify_buffer_cb), self);
  notify_buffer_cb (self);

  controller = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (controller,
      g_object_new (GTK_TYPE_SHORTCUT,
                    "trigger", gtk_keyval_trigger_new (keys[i].key, GDK_CONTROL_MASK),
                    "action", gtk_callback_action_new (shortcut_cb, self, NULL),
                    "arguments", g_variant_new_string (keys[i].action),
                    NULL));
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (escape_cb, self, NULL)));
  self->shortcuts = GTK_EVENT_CONTROLLER (controller);
  gtk_widget_add_controller (GTK_WIDGET (view), self->shortcuts);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

GtkSourceView *
byline_search_bar_get_view (BylineSearchBar *self)
{
  g_return_val_if_fail (BYLINE_IS_SEARCH_BAR (self), NULL);

  return self->view;
}

static void
byline_search_bar_dispose (GObject *object)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (object);

  detach_view (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (byline_search_bar_parent_class)->dispose (object);
}

static void
byline_search_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_search_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      byline_search_bar_set_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_search_bar_class_init (BylineSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_search_bar_dispose;
  object_class->get_property = byline_search_bar_get_property;
  object_class->set_property = byline_search_bar_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, GTK_SOURCE_TYPE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "search.find", NULL, find_cb);
  gtk_widget_class_install_action (widget_class, "search.find-replace", NULL, find_cb);
  gtk_widget_class_install_action (widget_class, "search.close", NULL, close_cb);
  gtk_widget_class_install_action (widget_class, "search.next", NULL, next_cb);
  gtk_widget_class_install_action (widget_class, "search.previous", NULL, next_cb);
  gtk_widget_class_install_action (widget_class, "search.replace", NULL, replace_cb);
  gtk_widget_class_install_action (widget_class, "search.replace-all", NULL, replace_all_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, regex_button);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, case_button);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, word_button);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, replace_button);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, replace_entry);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_activate_cb);
}

static void
byline_search_bar_init (BylineSearchBar *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);

  /* The find entry stops the search on Escape by itself; the replace entry and the option
   * buttons do not. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_named_action_new ("search.close")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
