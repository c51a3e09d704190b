/// The terminal medium's one number formatter, ``TerminalNumber`` (`inf`, `-inf`, `nan`), re-exported
/// so that the faces, which import only the Gallery, print numbers the way the Gallery's text does.
/// Only this one type is re-exported, not the rest of GradscopeNumerics.
@_exported import enum GradscopeNumerics.TerminalNumber
