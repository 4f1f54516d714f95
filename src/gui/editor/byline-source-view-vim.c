/* byline-source-view-vim.c
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

#define G_LOG_DOMAIN "byline-source-view"

#include "config.h"

#include "byline-source-view-private.h"

/*
 * Vim mode, off by default (the vim-mode setting): GtkSourceView's own Vim emulation, as
 * GNOME Text Editor uses it, in the capture phase so that it sees the keys first. Its command
 * bar (":w", "-- INSERT --") shows in the status line; ":w" saves.
 */

typedef struct
{
  GSettings          *settings;
  GtkEventController *keys;
  GtkIMContext       *im;
} Vim;

static void
vim_free (gpointer data)
{
  Vim *vim = data;

  g_clear_object (&vim->settings);
  g_clear_object (&vim->im);
  g_free (vim);
}

static Vim *
vim_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "byline-vim");
}

static void
command_bar_changed_cb (GtkWidget *widget)
{
  _byline_source_view_queue_status (widget);
}

static gboolean
write_cb (GtkSourceVimIMContext *im,
          GtkSourceView         *view,
          const char            *path,
          GtkWidget             *widget)
{
  /* ":w" saves the article; ":w FILE" is not for an article editor. */
  if (path == NULL)
    gtk_widget_activate_action (widget, "win.save", NULL);

  return TRUE;
}

static void
vim_mode_changed_cb (GtkWidget *widget)
{
  Vim *vim = vim_of (widget);
  gboolean on = g_settings_get_boolean (vim->settings, "vim-mode");

  if (on == (vim->im != NULL))
    return;

  if (on)
    {
      vim->im = gtk_source_vim_im_context_new ();
      vim->keys = gtk_event_controller_key_new ();
      gtk_event_controller_key_set_im_context (GTK_EVENT_CONTROLLER_KEY (vim->keys), vim->im);
      gtk_event_controller_set_propagation_phase (vim->keys, GTK_PHASE_CAPTURE);
      gtk_widget_add_controller (widget, vim->keys);
      gtk_im_context_set_client_widget (vim->im, widget);
      g_signal_connect_object (vim->im, "notify::command-bar-text",
                               G_CALLBACK (command_bar_changed_cb), widget, G_CONNECT_SWAPPED);
      g_signal_connect_object (vim->im, "notify::command-text",
                               G_CALLBACK (command_bar_changed_cb), widget, G_CONNECT_SWAPPED);
      g_signal_connect_object (vim->im, "write", G_CALLBACK (write_cb), widget, 0);
    }
  else
    {
      gtk_widget_remove_controller (widget, g_steal_pointer (&vim->keys));
      gtk_im_context_set_client_widget (vim->im, NULL);
      g_clear_object (&vim->im);
      gtk_text_view_set_overwrite (GTK_TEXT_VIEW (widget), FALSE);
    }

  _byline_source_view_queue_status (widget);
}

/* The command bar and the pending command, for the status line, or %NULL outside Vim mode. */
char *
_byline_source_view_vim_dup_status (GtkWidget *widget)
{
  Vim *vim = vim_of (widget);
  const char *bar, *command;

  if (vim == NULL || vim->im == NULL)
    return NULL;

  bar = gtk_source_vim_im_context_get_command_bar_text (GTK_SOURCE_VIM_IM_CONTEXT (vim->im));
  command = gtk_source_vim_im_context_get_command_text (GTK_SOURCE_VIM_IM_CONTEXT (vim->im));

  return g_strdup_printf ("%s%s%s", bar ? bar : "", bar && *bar && command && *command ? " " : "",
                          command ? command : "");
}

void
_byline_source_view_vim_init (GtkWidget *widget)
{
  Vim *vim = g_new0 (Vim, 1);

  vim->settings = g_settings_new (BASE_ID);
  g_object_set_data_full (G_OBJECT (widget), "byline-vim", vim, vim_free);
  g_signal_connect_object (vim->settings, "changed::vim-mode",
                           G_CALLBACK (vim_mode_changed_cb), widget, G_CONNECT_SWAPPED);
  vim_mode_changed_cb (widget);
}
