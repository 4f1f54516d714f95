/* byline-image-size.c
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


#define G_LOG_DOMAIN "byline-image-size"

#include "config.h"

#include <string.h>

#include "byline-leaflet-private.h"

/*
 * The pixel size of an image from its header, for the aspect ratio of a Leaflet image
 * block: PNG, JPEG, GIF and WebP, the formats a PDS serves to browsers.
 */

static guint
be16 (const guint8 *p)
{
  return (p[0] << 8) | p[1];
}

static guint
be32 (const guint8 *p)
{
  return ((guint)p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

static guint
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint
le24 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16);
}

static gboolean
jpeg_size (const guint8 *data,
           gsize         length,
           guint        *width,
           guint        *height)
{
  gsize pos = 2;

  while (pos + 4 <= length)
    {
      guint8 marker;
      guint segment;

      if (data[pos] != 0xFF)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          pos += 2;
          continue;
        }
      segment = be16 (data + pos + 2);
      /* Start of frame: every SOFn but DHT (C4), JPG (C8) and DAC (CC). */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (pos + 9 > length)
            return FALSE;
          *height = be16 (data + pos + 5);
          *width = be16 (data + pos + 7);
          return TRUE;
        }
      pos += 2 + segment;
    }

  return FALSE;
}

/**
 * _byline_image_size:
 * @data: the image file's bytes
 * @length: their number
 * @width: (out): the width in pixels
 * @height: (out): the height in pixels
 *
 * Returns: whether the header was read; both sizes are then above zero
 */
gboolean
_byline_image_size (const guint8 *data,
                    gsize         length,
                    guint        *width,
                    guint        *height)
{
  gboolean found = FALSE;

  *width = *height = 0;

  if (length >= 24 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (data + 12, "IHDR", 4) == 0)
    {
      *width = be32 (data + 16);
      *height = be32 (data + 20);
      found = TRUE;
    }
  else if (length >= 4 && data[0] == 0xFF && data[1] == 0xD8)
    found = jpeg_size (data, length, width, height);
  else if (length >= 10 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    {
      *width = le16 (data + 6);
      *height = le16 (data + 8);
      found = TRUE;
    }
  else if (length >= 30 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    {
      if (memcmp (data + 12, "VP8 ", 4) == 0)
        {
          *width = le16 (data + 26) & 0x3FFF;
          *height = le16 (data + 28) & 0x3FFF;
          found = TRUE;
        }
      else if (memcmp (data + 12, "VP8L", 4) == 0 && data[20] == 0x2F)
        {
          guint bits = data[21] | (data[22] << 8) | (data[23] << 16) | ((guint)data[24] << 24);

          *width = (bits & 0x3FFF) + 1;
          *height = ((bits >> 14) & 0x3FFF) + 1;
          found = TRUE;
        }
      else if (memcmp (data + 12, "VP8X", 4) == 0)
        {
          *width = le24 (data + 24) + 1;
          *height = le24 (data + 27) + 1;
          found = TRUE;
        }
    }

  return found && *width > 0 && *height > 0;
}
