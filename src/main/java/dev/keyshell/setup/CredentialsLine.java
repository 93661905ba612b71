package dev.keyshell.setup;

/**
 * One physical line of a credentials file: where its bytes are (terminator included), what it is,
 * and which profile and property it belongs to, so an edit can remove exactly the lines it means.
 *
 * @param start offset of the line's first byte
 * @param end offset just past its line terminator (or the end of the file)
 * @param kind what the parser made of it
 * @param block the section the line sits in: 0 before the first header, then 1, 2, ... per header
 * @param profile the profile of that section, or null (before any header, or an ignored header)
 * @param key the lower-case property a property or continuation line belongs to, else null
 */
record CredentialsLine(int start, int end, Kind kind, int block, String profile, String key) {

  /** What the AWS parser makes of a line. */
  enum Kind {
    /** Empty or only spaces and tabs. */
    BLANK,
    /** Starts with {@code #} or {@code ;} in the first column. */
    COMMENT,
    /** A {@code [name]} section header, valid or ignored. */
    HEADER,
    /** {@code key = value}. */
    PROPERTY,
    /** An indented line that continues the property above it. */
    CONTINUATION,
    /**
     * Content the AWS parser skips: an invalid property name, or anything in an ignored section.
     */
    IGNORED
  }

  /** Whether the line is only layout (nothing the AWS parser reads as a setting). */
  boolean isLayout() {
    return kind == Kind.BLANK || kind == Kind.COMMENT;
  }
}
