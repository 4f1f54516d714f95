/* byline-metadata-panel.c
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

#define G_LOG_DOMAIN "byline-metadata-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "byline-metadata-panel.h"

/*
 * The side panel shows the record's fields. It holds no copy of them: it shows the document's
 * metadata (read from the front matter) and writes every edit back through the document, which
 * rewrites the front matter as one undoable action.
 */

struct _BylineMetadataPanel
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwEntryRow    *title_row;

  /* Owned references */
  BylineDocument *document;
  GSignalGroup   *document_signals;

  guint           write_source;

  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (BylineMetadataPanel, byline_metadata_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_row_text (BylineMetadataPanel *self,
              AdwEntryRow         *row,
              const char          *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") == 0)
    return;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  self->updating = FALSE;
}

static void
metadata_changed_cb (BylineMetadataPanel *self)
{
  BylineMetadata *metadata;

  g_assert (BYLINE_IS_METADATA_PANEL (self));

  if (self->document == NULL)
    {
      set_row_text (self, self->title_row, NULL);
      return;
    }

  /* The writer's pending edit wins over an older reading of the text. */
  if (self->write_source != 0)
    return;

  metadata = byline_document_get_metadata (self->document);
  set_row_text (self, self->title_row, byline_metadata_get_title (metadata));
}

static gboolean
write_fields_cb (gpointer data)
{
  BylineMetadataPanel *self = data;

  self->write_source = 0;

  if (self->document != NULL)
    byline_document_set_title_field (self->document,
                                     gtk_editable_get_text (GTK_EDITABLE (self->title_row)));

  return G_SOURCE_REMOVE;
}

static void
flush_write (BylineMetadataPanel *self)
{
  if (self->write_source == 0)
    return;

  g_clear_handle_id (&self->write_source, g_source_remove);
  write_fields_cb (self);
}

static void
title_changed_cb (BylineMetadataPanel *self,
                  AdwEntryRow         *row)
{
  g_assert (BYLINE_IS_METADATA_PANEL (self));

  if (self->updating || self->document == NULL)
    return;

  /* Written at idle: a replaced entry text (cleared, then set) becomes one edit. */
  if (self->write_source == 0)
    self->write_source = g_idle_add (write_fields_cb, self);
}

static void
byline_metadata_panel_dispose (GObject *object)
{
  BylineMetadataPanel *self = BYLINE_METADATA_PANEL (object);

  flush_write (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_METADATA_PANEL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (byline_metadata_panel_parent_class)->dispose (object);
}

static void
byline_metadata_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BylineMetadataPanel *self = BYLINE_METADATA_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_metadata_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BylineMetadataPanel *self = BYLINE_METADATA_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      byline_metadata_panel_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_metadata_panel_class_init (BylineMetadataPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_metadata_panel_dispose;
  object_class->get_property = byline_metadata_panel_get_property;
  object_class->set_property = byline_metadata_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BYLINE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-metadata-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, title_row);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
}

static void
byline_metadata_panel_init (BylineMetadataPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (BYLINE_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::metadata",
                                 G_CALLBACK (metadata_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
byline_metadata_panel_new (void)
{
  return g_object_new (BYLINE_TYPE_METADATA_PANEL, NULL);
}

/**
 * byline_metadata_panel_get_document:
 *
 * Returns: (transfer none) (nullable): the document whose metadata is shown
 */
BylineDocument *
byline_metadata_panel_get_document (BylineMetadataPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_METADATA_PANEL (self), NULL);

  return self->document;
}

void
byline_metadata_panel_set_document (BylineMetadataPanel *self,
                                    BylineDocument      *document)
{
  g_return_if_fail (BYLINE_IS_METADATA_PANEL (self));
  g_return_if_fail (!document || BYLINE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  flush_write (self);

  g_set_object (&self->document, document);

  g_signal_group_set_target (self->document_signals, document);
  metadata_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}
