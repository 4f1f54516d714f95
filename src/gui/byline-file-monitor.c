/* byline-file-monitor.c
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

#define G_LOG_DOMAIN "byline-file-monitor"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-file-monitor.h"

/*
 * Watches a document's file for changes made by other programs. The file's etag (its
 * modification time to the microsecond, for local files) is recorded each time the document
 * is loaded or saved, when it stops being modified; a change event whose etag differs is
 * someone else's. Reloading reads the file into a scratch buffer and then replaces the
 * document's text in one user action: it can be undone.
 */

struct _BylineFileMonitor
{
  GObject          parent_instance;

  /* Weak */
  BylineDocument  *document;

  /* Owned references */
  GFileMonitor    *monitor;

  char            *known_etag;
  /* Etag queries under way whose answer becomes the known etag. */
  guint            pending_records;
  guint            check_source;
  guint            changed_on_disk : 1;
};

G_DEFINE_FINAL_TYPE (BylineFileMonitor, byline_file_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHANGED_ON_DISK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_changed_on_disk (BylineFileMonitor *self,
                     gboolean           changed)
{
  if (self->changed_on_disk != !!changed)
    {
      self->changed_on_disk = !!changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
    }
}

typedef enum {
  BYLINE_FILE_MONITOR_ETAG_RECORD,
  BYLINE_FILE_MONITOR_ETAG_COMPARE,
} BylineFileMonitorEtagUse;

static void
etag_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);
  g_autoptr(BylineFileMonitor) self = NULL;
  GWeakRef *ref = user_data;
  const char *etag = info ? g_file_info_get_etag (info) : NULL;
  BylineFileMonitorEtagUse use =
    GPOINTER_TO_INT (g_object_get_data (G_OBJECT (object), "byline-etag-use"));

  self = g_weak_ref_get (ref);
  g_weak_ref_clear (ref);
  g_free (ref);
  if (self != NULL && use == BYLINE_FILE_MONITOR_ETAG_RECORD)
    self->pending_records--;

  if (self == NULL || self->document == NULL)
    return;

  if (use == BYLINE_FILE_MONITOR_ETAG_RECORD)
    g_set_str (&self->known_etag, etag);
  else if (g_strcmp0 (etag, self->known_etag) != 0)
    set_changed_on_disk (self, TRUE);
}

static void
query_etag (BylineFileMonitor        *self,
            BylineFileMonitorEtagUse  use)
{
  GFile *file;
  GWeakRef *ref;

  if (self->document == NULL || !(file = byline_document_get_file (self->document)))
    return;

  /* One GFile per query, so each carries its own purpose. */
  file = g_file_dup (file);
  g_object_set_data (G_OBJECT (file), "byline-etag-use", GINT_TO_POINTER (use));
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  if (use == BYLINE_FILE_MONITOR_ETAG_RECORD)
    self->pending_records++;
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, NULL, etag_cb, ref);
  g_object_unref (file);
}

static gboolean
check_cb (gpointer data)
{
  BylineFileMonitor *self = data;

  self->check_source = 0;
  if (!self->changed_on_disk)
    query_etag (self, BYLINE_FILE_MONITOR_ETAG_COMPARE);

  return G_SOURCE_REMOVE;
}

/* Loaded, saved, reloaded or discarded: the file on disk is the writer's version again. */
static void
modified_changed_cb (BylineFileMonitor *self)
{
  if (self->document != NULL && !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    {
      query_etag (self, BYLINE_FILE_MONITOR_ETAG_RECORD);
      set_changed_on_disk (self, FALSE);
    }
}

static void
file_changed_cb (BylineFileMonitor *self,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event)
{
  if (self->document == NULL)
    return;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      return;
    }

  /* Check once the events settle, and after a save of our own has recorded its time. */
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (300, check_cb, self);
}

static void
file_moved_cb (BylineFileMonitor *self)
{
  GFile *file;

  g_clear_object (&self->monitor);
  g_clear_pointer (&self->known_etag, g_free);
  set_changed_on_disk (self, FALSE);

  if (self->document == NULL || !(file = byline_document_get_file (self->document)))
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb), self,
                             G_CONNECT_SWAPPED);
  query_etag (self, BYLINE_FILE_MONITOR_ETAG_RECORD);
}

static void
byline_file_monitor_dispose (GObject *object)
{
  BylineFileMonitor *self = BYLINE_FILE_MONITOR (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  g_clear_weak_pointer (&self->document);
  g_clear_pointer (&self->known_etag, g_free);

  G_OBJECT_CLASS (byline_file_monitor_parent_class)->dispose (object);
}

static void
byline_file_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineFileMonitor *self = BYLINE_FILE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_file_monitor_class_init (BylineFileMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_file_monitor_dispose;
  object_class->get_property = byline_file_monitor_get_property;

  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_file_monitor_init (BylineFileMonitor *self)
{
}

/**
 * byline_file_monitor_new:
 * @document: the document whose file is watched, as long as both exist
 */
BylineFileMonitor *
byline_file_monitor_new (BylineDocument *document)
{
  BylineFileMonitor *self;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  self = g_object_new (BYLINE_TYPE_FILE_MONITOR, NULL);
  g_set_weak_pointer (&self->document, document);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (file_moved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "modified-changed", G_CALLBACK (modified_changed_cb), self,
                           G_CONNECT_SWAPPED);
  file_moved_cb (self);

  return self;
}

/**
 * byline_file_monitor_get_changed_on_disk:
 *
 * Returns: whether another program changed or deleted the file since it was last loaded or
 *   saved here, and the writer has not chosen yet
 */
gboolean
byline_file_monitor_get_changed_on_disk (BylineFileMonitor *self)
{
  g_return_val_if_fail (BYLINE_IS_FILE_MONITOR (self), FALSE);

  return self->changed_on_disk;
}

/**
 * byline_file_monitor_get_watching:
 *
 * The etag of the file as it was loaded or saved is learnt asynchronously: until then, a change
 * made by another program cannot be told from the file Byline wrote or read.
 *
 * Returns: whether the monitor knows the file's etag, and so notices a change made elsewhere
 */
gboolean
byline_file_monitor_get_watching (BylineFileMonitor *self)
{
  g_return_val_if_fail (BYLINE_IS_FILE_MONITOR (self), FALSE);

  return self->known_etag != NULL && self->pending_records == 0;
}

/**
 * byline_file_monitor_keep_mine:
 *
 * The writer keeps the text as it is; the next save writes it over the other version.
 */
void
byline_file_monitor_keep_mine (BylineFileMonitor *self)
{
  g_return_if_fail (BYLINE_IS_FILE_MONITOR (self));

  /* This version of the file has been seen; only a later change asks again. */
  query_etag (self, BYLINE_FILE_MONITOR_ETAG_RECORD);
  set_changed_on_disk (self, FALSE);
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineFileMonitor *self = g_task_get_source_object (task);
  GtkSourceBuffer *scratch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter begin, end;

  if (!gtk_source_file_loader_load_finish (GTK_SOURCE_FILE_LOADER (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->document == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The document was closed"));
      return;
    }

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (scratch), &begin, &end);
  text = gtk_text_iter_get_slice (&begin, &end);

  /* One user action: Undo brings the writer's version back. */
  buffer = GTK_TEXT_BUFFER (self->document);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_set_modified (buffer, FALSE);

  query_etag (self, BYLINE_FILE_MONITOR_ETAG_RECORD);
  set_changed_on_disk (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_file_monitor_reload_async:
 *
 * Replaces the document's text with the file's, as one undoable user action.
 */
void
byline_file_monitor_reload_async (BylineFileMonitor   *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GtkSourceFileLoader) loader = NULL;
  g_autoptr(GTask) task = NULL;
  GtkSourceBuffer *scratch;

  g_return_if_fail (BYLINE_IS_FILE_MONITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_file_monitor_reload_async);

  if (self->document == NULL || byline_document_get_file (self->document) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The document has no file to reload"));
      return;
    }

  scratch = gtk_source_buffer_new (NULL);
  g_task_set_task_data (task, scratch, g_object_unref);
  loader = gtk_source_file_loader_new (scratch, byline_document_get_source_file (self->document));
  gtk_source_file_loader_load_async (loader, G_PRIORITY_DEFAULT, cancellable, NULL, NULL, NULL,
                                     reload_cb, g_steal_pointer (&task));
}

gboolean
byline_file_monitor_reload_finish (BylineFileMonitor  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (BYLINE_IS_FILE_MONITOR (self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
