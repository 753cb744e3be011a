export { MediaQueries, MediaService } from './media.service.ts';
export { deleteIfUnused, deleteMediaOfActors, insertPicture, requireOwnMedia } from './media.store.ts';
export {
  deletePictureFiles,
  MAX_PICTURE_SIDE,
  STORED_FILE_NAME,
  uploadsDir,
  type PictureUpload,
  type UploadedFile,
  type PreparedPicture
} from './pictures.ts';
export { sniffPictureType, storedContentType, type PictureType } from './sniff.ts';
